"""Issue N identities (key + CSR + CA signature + keystore + truststore) three ways and print
wall and CPU seconds per identity side by side. Prints figures only; asserts none.

  (a) module_utils called directly (what the modules run, without Ansible around them)
  (b) ansible-playbook with kafkasec.platform.tls_identity on localhost (two module runs each)
  (c) the source document's pipeline: keytool -genkey, -certreq, openssl x509 -req, two
      keytool -import into the keystore and one into the truststore

Usage: .venv/bin/python tests/bench/bench_pki.py [--identities N]
"""
import argparse
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, '.collections'))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from bench_common import measure, print_table  # noqa: E402

from ansible_collections.kafkasec.platform.plugins.module_utils.pki.authority import ensure_ca  # noqa: E402
from ansible_collections.kafkasec.platform.plugins.module_utils.pki.request import ensure_key_and_csr  # noqa: E402
from ansible_collections.kafkasec.platform.plugins.module_utils.pki.signing import issue  # noqa: E402
from ansible_collections.kafkasec.platform.plugins.module_utils.pki.store_apply import desired_entries, ensure_store  # noqa: E402

PASSWORD = 'bench-password-for-the-ca'
DN = 'CN=host{0}.bench.test,OU=BDP,O=Company,L=San Jose,ST=CA,C=US'


def make_ca(directory):
    ensure_ca(os.path.join(directory, 'ca.crt'), os.path.join(directory, 'ca.key'), PASSWORD,
              'CN=Bench CA,O=Example', 'rsa', 2048, None, 3650)


def via_module_utils(directory, count):
    make_ca(directory)
    ca_pem = open(os.path.join(directory, 'ca.crt')).read()

    def run():
        for i in range(count):
            key = os.path.join(directory, 'host%d.key' % i)
            request = ensure_key_and_csr(key, 'rsa', 2048, None, DN.format(i), ['DNS:host%d' % i])
            signed = issue(request['csr'], os.path.join(directory, 'ca.crt'),
                           os.path.join(directory, 'ca.key'), PASSWORD, 365, 30,
                           ['serverAuth', 'clientAuth'], DN.format(i), ['DNS:host%d' % i])
            ensure_store(os.path.join(directory, 'host%d.p12' % i), 'pkcs12', PASSWORD,
                         desired_entries('host%d' % i, key, signed['certificate'], signed['chain']))
            ensure_store(os.path.join(directory, 'host%d.truststore.p12' % i), 'pkcs12', PASSWORD,
                         desired_entries(trusted_certificates=[{'alias': 'caroot',
                                                                'certificate': ca_pem}]))
    return measure(run)


PLAYBOOK = """
- hosts: localhost
  gather_facts: false
  tasks:
    - kafkasec.platform.tls_identity:
        key_path: "{{ d }}/host{{ item }}.key"
        subject: "CN=host{{ item }}.bench.test,OU=BDP,O=Company,L=San Jose,ST=CA,C=US"
        subject_alt_names: ["DNS:host{{ item }}"]
        ca_cert_path: "{{ d }}/ca.crt"
        ca_key_path: "{{ d }}/ca.key"
        ca_passphrase: "{{ p }}"
        alias: "host{{ item }}"
        keystore_path: "{{ d }}/host{{ item }}.p12"
        keystore_password: "{{ p }}"
        truststore_path: "{{ d }}/host{{ item }}.truststore.p12"
        truststore_password: "{{ p }}"
      loop: "{{ range(n | int) | list }}"
"""


def via_ansible(directory, count):
    make_ca(directory)
    book = os.path.join(directory, 'bench.yml')
    with open(book, 'w') as handle:
        handle.write(PLAYBOOK)
    env = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=os.path.join(ROOT, '.collections'))
    command = [os.path.join(os.path.dirname(sys.executable), 'ansible-playbook'), '-i',
               'localhost,', '-c', 'local', book, '-e', 'd=%s' % directory, '-e', 'p=%s' % PASSWORD,
               '-e', 'n=%d' % count, '-e', 'ansible_python_interpreter=%s' % sys.executable]
    return measure(lambda: subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL))


def via_source_pipeline(directory, count):
    def sh(*args):
        subprocess.run(args, cwd=directory, check=True, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
    sh('openssl', 'req', '-new', '-x509', '-keyout', 'ca-key', '-out', 'ca-cert', '-days', '3650',
       '-passout', 'pass:' + PASSWORD, '-subj', '/C=US/ST=CA/L=San Jose/O=Company/OU=Org/CN=Bench CA')

    def run():
        for i in range(count):
            ks, ts = 'host%d.keystore.jks' % i, 'host%d.truststore.jks' % i
            sh('keytool', '-noprompt', '-keystore', ks, '-alias', 'host%d' % i, '-keyalg', 'RSA',
               '-keysize', '2048', '-validity', '365', '-genkey', '-dname',
               'CN=host%d.bench.test,OU=BDP,O=Company,L=San Jose,S=CA,C=US' % i,
               '-storepass', PASSWORD, '-keypass', PASSWORD)
            sh('keytool', '-keystore', ks, '-alias', 'host%d' % i, '-certreq', '-file',
               'cert-file%d' % i, '-storepass', PASSWORD)
            sh('openssl', 'x509', '-req', '-CA', 'ca-cert', '-CAkey', 'ca-key', '-in',
               'cert-file%d' % i, '-out', 'cert-signed%d' % i, '-days', '365', '-CAcreateserial',
               '-passin', 'pass:' + PASSWORD)
            sh('keytool', '-noprompt', '-keystore', ks, '-alias', 'CARoot', '-import', '-file',
               'ca-cert', '-storepass', PASSWORD)
            sh('keytool', '-noprompt', '-keystore', ks, '-alias', 'host%d' % i, '-import', '-file',
               'cert-signed%d' % i, '-storepass', PASSWORD)
            sh('keytool', '-noprompt', '-keystore', ts, '-alias', 'CARoot', '-import', '-file',
               'ca-cert', '-storepass', PASSWORD)
    return measure(run)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--identities', type=int, default=10)
    count = parser.parse_args().identities
    rows = []
    for label, func in (('(a) module_utils', via_module_utils),
                        ('(b) ansible-playbook tls_identity', via_ansible),
                        ('(c) source keytool/openssl pipeline', via_source_pipeline)):
        with tempfile.TemporaryDirectory() as directory:
            wall, cpu = func(directory, count)
        rows.append((label, wall / count, cpu / count))
    print('identities issued per method: %d (RSA 2048, PKCS12 for ours, JKS for the source)' % count)
    print_table(rows, 'id')


if __name__ == '__main__':
    main()
