"""Stand-in for ansible-test's get-pip bootstrap script, which it downloads from a host these
machines cannot reach. Called as `python get_pip_X.py [pip options] [packages]` inside a fresh
virtual environment: bootstrap pip from the interpreter's own ensurepip, then let that pip
install what ansible-test asked for from the configured index."""
import os
import subprocess
import sys

env = dict(os.environ)
# ansible-test points PIP_CONFIG_FILE at an empty file; dropping it lets the machine's own pip
# configuration (certificate bundle, wheel cache) apply.
env.pop('PIP_CONFIG_FILE', None)
subprocess.check_call([sys.executable, '-m', 'ensurepip', '--upgrade', '--default-pip'], env=env)
args = [a for a in sys.argv[1:] if a not in ('--no-setuptools', '--no-wheel')]
subprocess.check_call([sys.executable, '-m', 'pip', 'install', '--disable-pip-version-check'] + args,
                      env=env)
