"""Runs tests/integration/pki_modules.yml through ansible-playbook on localhost, once with the
venv's Python (the controller) and once with the OS python3 (what fleet hosts run: Debian's
older cryptography and python3-pyjks)."""
import os
import subprocess
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PLAYBOOK = os.path.join(ROOT, 'tests', 'integration', 'pki_modules.yml')


@pytest.mark.parametrize('interpreter', [sys.executable, '/usr/bin/python3'],
                         ids=['venv-python', 'os-python3'])
def test_pki_modules_cycle(tmp_path, interpreter):
    env = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=os.path.join(ROOT, '.collections'),
               ANSIBLE_NOCOLOR='1', ANSIBLE_FORCE_COLOR='0')
    proc = subprocess.run(
        [os.path.join(os.path.dirname(sys.executable), 'ansible-playbook'), '-i', 'localhost,',
         '-c', 'local', '--diff', PLAYBOOK, '-e', 'pki_workdir=%s' % tmp_path,
         '-e', 'ansible_python_interpreter=%s' % interpreter],
        capture_output=True, text=True, env=env, cwd=ROOT, check=False)
    assert proc.returncode == 0, proc.stdout[-6000:] + proc.stderr[-3000:]
    assert 'failed=0' in proc.stdout
    # --diff shows store metadata, never key material or the passwords the playbook uses.
    assert 'sha256=' in proc.stdout
    for secret in ('PRIVATE KEY', 'ca-pass-for-tests', 'store-pass-for-tests'):
        assert secret not in proc.stdout + proc.stderr
