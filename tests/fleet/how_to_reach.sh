#!/usr/bin/env bash
# Prints how to reach the platform of a fleet from the controller.
fleet=${1:-demo}
pki=/run/kafkasec-fleet/$fleet/pki
cat <<TXT

The secured platform on fleet '$fleet' is up (it stays up until: make fleet-down).
  bootstrap servers (TLS, client certificate required):
    kafka1.fleet.test:9093,kafka2.fleet.test:9093,kafka3.fleet.test:9093
  ZooKeeper (TLS with a client certificate, then SASL DIGEST-MD5; no plaintext port):
    zk1.fleet.test:2182,zk2.fleet.test:2182,zk3.fleet.test:2182
  Schema Registry: https://rest1.fleet.test:8081   REST Proxy: https://rest1.fleet.test:8082
  Connect REST API: https://connect1.fleet.test:8083   (all three: client certificate required)
  CA certificates:       $pki/ca.crt (the CAs trusted now; ca-g<N>.crt each generation)
  client identities:     $pki/clients/{admin,secure_user,insecure_user}.pem   (key + chain, PEM)
                         $pki/clients/<name>.p12 and truststore.p12 (PKCS12, passwords in
                         inventories/fleet/group_vars/all/secrets.yml - test values)
  for example (confluent-kafka / librdkafka):
    security.protocol=SSL ssl.ca.location=$pki/ca.crt
    ssl.certificate.location=$pki/clients/secure_user.pem ssl.key.location=$pki/clients/secure_user.pem
  curl as secure_user:
    curl --cacert $pki/ca.crt --cert $pki/clients/secure_user.pem https://rest1.fleet.test:8081/subjects
  ssh: ssh -i /run/kafkasec-fleet/$fleet/id_ed25519 root@kafka1.fleet.test
  the same playbooks by hand (no environment needed):
    .venv/bin/ansible-playbook -i inventories/fleet playbooks/verify.yml
    .venv/bin/ansible-playbook -i inventories/fleet playbooks/cert_report.yml
TXT
