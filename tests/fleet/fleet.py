"""The local fleet: hosts made of a network namespace, an overlay of / and systemd-nspawn --boot.

  python fleet.py up [--fleet NAME] [--inventory FILE]  boot the inventory's hosts, wait for SSH
  python fleet.py down [--fleet NAME]                   remove all `up` made, also leftovers
  python fleet.py status [--fleet NAME]

Two fleets can coexist: each NAME has its own subnet, bridge, namespaces and state directory
(`demo`: 10.231.0.0/24, `test`: 10.231.1.0/24). Host names come from the inventory; a host's
address is the subnet with its `fleet_host_number` as last octet. Only processes this tool
started (recorded by pid, checked by command line) and the processes inside the pid namespaces
of the hosts it booted (recorded at `up`) are ever signalled; `down` fails if any survives.
"""
import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import time
import uuid

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FLEETS = {'demo': '10.231.0', 'test': '10.231.1'}
STATE_BASE = '/run/kafkasec-fleet'
HOSTS_FILE = '/etc/hosts'
NEEDED = {'systemd-nspawn': 'systemd-container', 'sshd': 'openssh-server', 'ip': 'iproute2',
          'java': 'openjdk-17-jre-headless', 'ssh': 'openssh-client'}
# Units of the base machine that must not start in a fleet host: they fail in a container or
# are servers the base happens to run.
ALWAYS_MASKED = ('systemd-remount-fs.service', 'e2scrub_reap.service', 'systemd-networkd-wait-online.service')
KEEP_ENABLED = ('ssh.service', 'sshd.service')
SSH_OPTIONS = ['-o', 'StrictHostKeyChecking=no', '-o', 'UserKnownHostsFile=/dev/null',
               '-o', 'LogLevel=ERROR', '-o', 'BatchMode=yes', '-o', 'ConnectTimeout=2']


class FleetError(Exception):
    pass


def run(*args, check=True, quiet=False):
    proc = subprocess.run(args, capture_output=True, text=True, check=False)
    if check and proc.returncode != 0:
        detail = proc.stderr.strip() or proc.stdout.strip()
        raise FleetError('%s failed (exit %d): %s' % (' '.join(args), proc.returncode, detail))
    return proc


class Fleet:
    def __init__(self, name, inventory=None):
        if name not in FLEETS:
            raise FleetError('unknown fleet %r: use one of %s' % (name, ', '.join(FLEETS)))
        self.name = name
        self.stragglers = 0
        self.prefix = FLEETS[name]
        self.bridge = 'kfbr-%s' % name
        self.state_dir = os.path.join(STATE_BASE, name)
        self.key = os.path.join(self.state_dir, 'id_ed25519')
        self.inventory = inventory

    # --- inventory and names ------------------------------------------------------------
    def hosts(self):
        with open(self.inventory) as handle:
            data = yaml.safe_load(handle)
        found = {}

        def walk(group):
            for host, hostvars in ((group or {}).get('hosts') or {}).items():
                number = (hostvars or {}).get('fleet_host_number')
                if number is not None:
                    found[host] = int(number)
            for child in ((group or {}).get('children') or {}).values():
                walk(child)
        walk(data.get('all', data))
        if not found:
            raise FleetError('%s names no host with fleet_host_number' % self.inventory)
        return [{'fqdn': fqdn, 'short': fqdn.split('.')[0], 'address': '%s.%d' % (self.prefix, n),
                 'number': n} for fqdn, n in sorted(found.items(), key=lambda item: item[1])]

    def netns(self, host):
        return 'kf-%s-%s' % (self.name, host['short'])

    def veth(self, host):
        return 'kf%s%d' % (self.name, host['number'])

    def host_dir(self, host):
        return os.path.join(self.state_dir, host['short'])

    def state_file(self):
        return os.path.join(self.state_dir, 'state.json')

    def load_state(self):
        try:
            with open(self.state_file()) as handle:
                return json.load(handle)
        except (OSError, ValueError):
            return {'hosts': {}}

    def save_state(self, state):
        os.makedirs(self.state_dir, exist_ok=True)
        with open(self.state_file() + '.tmp', 'w') as handle:
            json.dump(state, handle, indent=1)
        os.replace(self.state_file() + '.tmp', self.state_file())

    # --- checks -----------------------------------------------------------------------------
    @staticmethod
    def preflight():
        if os.geteuid() != 0:
            raise FleetError('the fleet needs root (network namespaces, mounts, systemd-nspawn): '
                             'run it with sudo or as root')
        missing = sorted({pkg for tool, pkg in NEEDED.items() if not shutil.which(tool)
                          and not os.path.exists('/usr/sbin/' + tool)})
        if missing:
            raise FleetError('missing Debian packages: %s; install them with `apt-get install %s` '
                             '(make setup does)' % (', '.join(missing), ' '.join(missing)))

    def nspawn_alive(self, pid, host):
        """True only for a live systemd-nspawn this tool started for this host."""
        try:
            with open('/proc/%d/cmdline' % pid, 'rb') as handle:
                cmdline = handle.read().split(b'\0')
        except (OSError, TypeError):
            return False
        root = os.path.join(self.host_dir(host), 'root').encode()
        return bool(cmdline) and cmdline[0].endswith(b'systemd-nspawn') and root in cmdline

    # --- up -----------------------------------------------------------------------------------
    def up(self):
        self.preflight()
        hosts = self.hosts()
        self.ensure_key()
        self.ensure_bridge()
        state = self.load_state()
        started = time.time()
        booting = {}
        for host in hosts:
            recorded = state['hosts'].get(host['short'], {})
            if recorded.get('pid') and self.nspawn_alive(recorded['pid'], host):
                continue
            self.cleanup_host(host, recorded.get('pid'), recorded.get('pidns'))
            self.ensure_netns(host)
            root = self.prepare_root(host, hosts)
            pid = self.boot(host, root)
            state['hosts'][host['short']] = {'pid': pid, 'fqdn': host['fqdn'],
                                             'address': host['address'], 'started': time.time()}
            self.save_state(state)
            booting[host['short']] = time.time()
        self.write_hosts_block(hosts)
        rows = []
        for host in hosts:
            boot_seconds = self.wait_ready(host, booting.get(host['short']))
            rows.append((host, boot_seconds))
            recorded = state['hosts'][host['short']]
            if not recorded.get('pidns'):
                recorded['pidns'] = self.host_pid_namespace(recorded['pid'])
                self.save_state(state)
        self.print_table(rows, time.time() - started)

    def ensure_key(self):
        if not os.path.exists(self.key):
            os.makedirs(self.state_dir, exist_ok=True)
            run('ssh-keygen', '-q', '-t', 'ed25519', '-N', '', '-C', 'kafkasec-fleet-%s' % self.name,
                '-f', self.key)

    def ensure_bridge(self):
        if run('ip', 'link', 'show', self.bridge, check=False).returncode != 0:
            run('ip', 'link', 'add', self.bridge, 'type', 'bridge')
            run('ip', 'addr', 'add', '%s.1/24' % self.prefix, 'dev', self.bridge)
        run('ip', 'link', 'set', self.bridge, 'up')

    def ensure_netns(self, host):
        ns = self.netns(host)
        if ns not in run('ip', 'netns', 'list').stdout.split():
            run('ip', 'netns', 'add', ns)
        if run('ip', 'link', 'show', self.veth(host), check=False).returncode != 0:
            run('ip', 'link', 'add', self.veth(host), 'type', 'veth', 'peer', 'name', 'eth0',
                'netns', ns)
        run('ip', 'link', 'set', self.veth(host), 'master', self.bridge, 'up')
        addresses = run('ip', 'netns', 'exec', ns, 'ip', '-o', 'addr', 'show', 'dev', 'eth0').stdout
        if host['address'] + '/' not in addresses:
            run('ip', 'netns', 'exec', ns, 'ip', 'addr', 'add', host['address'] + '/24', 'dev', 'eth0')
        run('ip', 'netns', 'exec', ns, 'ip', 'link', 'set', 'eth0', 'up')
        run('ip', 'netns', 'exec', ns, 'ip', 'link', 'set', 'lo', 'up')

    def prepare_root(self, host, hosts):
        base = self.host_dir(host)
        os.makedirs(base, exist_ok=True)
        if not os.path.ismount(base):
            # upper layer in memory: a host's files vanish with the fleet
            run('mount', '-t', 'tmpfs', '-o', 'mode=0755', 'kafkasec-fleet', base)
        for sub in ('upper', 'work', 'root'):
            os.makedirs(os.path.join(base, sub), exist_ok=True)
        root = os.path.join(base, 'root')
        if not os.path.ismount(root):
            run('mount', '-t', 'overlay', 'overlay', '-o',
                'lowerdir=/,upperdir=%s/upper,workdir=%s/work' % (base, base), root)
        etc = os.path.join(root, 'etc')
        with open(os.path.join(etc, 'hostname'), 'w') as handle:
            handle.write(host['short'] + '\n')
        with open(os.path.join(etc, 'machine-id'), 'w') as handle:
            handle.write(uuid.uuid4().hex + '\n')
        with open(os.path.join(etc, 'hosts'), 'w') as handle:
            handle.write('127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n')
            handle.write(self.hosts_lines(hosts))
        units = os.path.join(etc, 'systemd', 'system')
        for unit in self.units_to_mask(units):
            target = os.path.join(units, unit)
            if os.path.lexists(target):
                os.unlink(target)
            os.symlink('/dev/null', target)
        for old in os.listdir(os.path.join(etc, 'ssh')):
            if old.startswith('ssh_host_'):
                os.unlink(os.path.join(etc, 'ssh', old))
        run('ssh-keygen', '-A', '-f', root)
        ssh_dir = os.path.join(root, 'root', '.ssh')
        os.makedirs(ssh_dir, mode=0o700, exist_ok=True)
        shutil.copyfile(self.key + '.pub', os.path.join(ssh_dir, 'authorized_keys'))
        os.chmod(os.path.join(ssh_dir, 'authorized_keys'), 0o600)
        return root

    @staticmethod
    def units_to_mask(units_dir):
        masked = set(ALWAYS_MASKED)
        wants = os.path.join(units_dir, 'multi-user.target.wants')
        if os.path.isdir(wants):
            masked.update(u for u in os.listdir(wants)
                          if u.endswith('.service') and u not in KEEP_ENABLED)
        return sorted(masked)

    def hosts_lines(self, hosts):
        # The controller's bridge address gets a name too, so inventories (ACL hosts) can say
        # "controller.<domain>" instead of an address that differs between fleets.
        domain = hosts[0]['fqdn'].partition('.')[2] if hosts else ''
        lines = ['%s\tcontroller.%s controller\n' % (self.prefix + '.1', domain)] if domain else []
        return ''.join(lines + ['%s\t%s %s\n' % (h['address'], h['fqdn'], h['short']) for h in hosts])

    def boot(self, host, root):
        log = open(os.path.join(self.host_dir(host), 'console.log'), 'ab')
        proc = subprocess.Popen(
            ['systemd-nspawn', '-D', root, '--register=no', '--link-journal=no', '--keep-unit',
             '--network-namespace-path=/run/netns/%s' % self.netns(host),
             '--hostname=%s' % host['short'], '--boot'],
            stdin=subprocess.DEVNULL, stdout=log, stderr=log, start_new_session=True)
        log.close()
        return proc.pid

    def ssh(self, host, command, timeout=10):
        argv = ['ssh', '-i', self.key] + SSH_OPTIONS + ['root@' + host['address'], command]
        return subprocess.run(argv, capture_output=True, text=True, timeout=timeout, check=False)

    def wait_ready(self, host, since, limit=120):
        deadline = time.time() + limit
        last = ''
        while time.time() < deadline:
            try:
                answer = self.ssh(host, 'systemctl is-system-running')
                last = (answer.stdout + answer.stderr).strip()
                if answer.stdout.strip() in ('running', 'degraded'):
                    return (time.time() - since) if since else None
            except subprocess.TimeoutExpired:
                last = 'ssh timed out'
            time.sleep(0.3)
        raise FleetError('%s did not become ready within %ds (last answer: %s); see %s'
                         % (host['fqdn'], limit, last or 'none',
                            os.path.join(self.host_dir(host), 'console.log')))

    def memory_mib(self, pid):
        """RSS of the host: the nspawn process and everything below it."""
        children = {}
        for entry in os.listdir('/proc'):
            if entry.isdigit():
                try:
                    with open('/proc/%s/stat' % entry) as handle:
                        ppid = int(handle.read().rsplit(')', 1)[1].split()[1])
                except (OSError, ValueError, IndexError):
                    continue
                children.setdefault(ppid, []).append(int(entry))
        total, todo = 0, [pid]
        while todo:
            current = todo.pop()
            todo.extend(children.get(current, []))
            try:
                with open('/proc/%d/status' % current) as handle:
                    for line in handle:
                        if line.startswith('VmRSS:'):
                            total += int(line.split()[1])
            except OSError:
                pass
        return total / 1024.0

    def print_table(self, rows, elapsed):
        state = self.load_state()
        print('fleet %s: %d hosts up in %.1fs' % (self.name, len(rows), elapsed))
        print('%-22s %-14s %10s %12s' % ('host', 'address', 'boot s', 'memory MiB'))
        total = 0.0
        for host, boot_seconds in rows:
            memory = self.memory_mib(state['hosts'][host['short']]['pid'])
            total += memory
            print('%-22s %-14s %10s %12.1f' % (host['fqdn'], host['address'],
                                               '%.1f' % boot_seconds if boot_seconds else 'already',
                                               memory))
        print('%-22s %-14s %10s %12.1f' % ('total', '', '', total))

    # --- /etc/hosts on the controller ----------------------------------------------------------
    def markers(self):
        return ('# BEGIN kafkasec-fleet %s\n' % self.name, '# END kafkasec-fleet %s\n' % self.name)

    def strip_block(self, lines):
        begin, end = self.markers()
        kept, inside = [], False
        for line in lines:
            if line == begin:
                inside = True
            elif line == end:
                inside = False
            elif not inside:
                kept.append(line)
        return kept

    def write_hosts_block(self, hosts):
        """Our names first, so the fleet brought up last is the one the controller reaches."""
        with open(HOSTS_FILE) as handle:
            lines = self.strip_block(handle.readlines())
        begin, end = self.markers()
        block = [begin] + self.hosts_lines(hosts).splitlines(True) + [end]
        self.replace_hosts(block + lines)

    def remove_hosts_block(self):
        with open(HOSTS_FILE) as handle:
            lines = handle.readlines()
        kept = self.strip_block(lines)
        if kept != lines:
            self.replace_hosts(kept)

    @staticmethod
    def replace_hosts(lines):
        # /etc/hosts may be a bind mount: rewrite in place rather than rename over it
        with open(HOSTS_FILE, 'w') as handle:
            handle.writelines(lines)

    # --- down ---------------------------------------------------------------------------------
    @staticmethod
    def pid_namespace(pid):
        try:
            return os.readlink('/proc/%d/ns/pid' % pid)
        except OSError:
            return None

    def host_pid_namespace(self, nspawn_pid):
        """The pid namespace of the host's init: that of a child of its nspawn process that is not
        ours. Recorded at `up`, so `down` finds every process of the host even after nspawn died."""
        ours = self.pid_namespace(os.getpid())
        for entry in os.listdir('/proc'):
            if not entry.isdigit():
                continue
            try:
                with open('/proc/%s/stat' % entry) as handle:
                    parent = int(handle.read().rsplit(')', 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            namespace = self.pid_namespace(int(entry))
            if parent == nspawn_pid and namespace and namespace != ours:
                return namespace
        return None

    def processes_in(self, namespace):
        found = []
        for entry in os.listdir('/proc'):
            if entry.isdigit() and namespace and self.pid_namespace(int(entry)) == namespace:
                found.append(int(entry))
        return found

    def end_namespace(self, host, namespace):
        """SIGKILL whatever still runs in the host's pid namespace after its poweroff had its time;
        raise if anything survives."""
        for _attempt in range(20):
            left = self.processes_in(namespace)
            if not left:
                return
            self.stragglers += len(left)
            for pid in left:
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
            time.sleep(0.25)
        raise FleetError('%s: processes %s of its pid namespace %s survive SIGKILL'
                         % (host['short'], self.processes_in(namespace), namespace))

    def cleanup_host(self, host, pid, namespace=None):
        if pid and self.nspawn_alive(pid, host):
            namespace = namespace or self.host_pid_namespace(pid)
            os.kill(pid, signal.SIGTERM)  # nspawn turns this into an orderly poweroff
            for _attempt in range(60):
                if not self.nspawn_alive(pid, host):
                    break
                time.sleep(0.25)
            else:
                os.kill(pid, signal.SIGKILL)
                time.sleep(0.5)
        if namespace:
            self.end_namespace(host, namespace)
        base = self.host_dir(host)
        for mount in (os.path.join(base, 'root'), base):
            if os.path.ismount(mount):
                if run('umount', mount, check=False).returncode != 0:
                    run('umount', '-l', mount)
        shutil.rmtree(base, ignore_errors=True)
        if self.netns(host) in run('ip', 'netns', 'list').stdout.split():
            run('ip', 'netns', 'del', self.netns(host))
        # deleting the namespace removes the veth pair too, asynchronously: no error if gone
        run('ip', 'link', 'del', self.veth(host), check=False)

    def down(self):
        self.preflight()
        state = self.load_state()
        known = {}
        for short, recorded in state['hosts'].items():
            known[short] = ({'short': short, 'fqdn': recorded.get('fqdn', short),
                             'address': recorded.get('address'),
                             'number': int(recorded.get('address', '0.0.0.0').rsplit('.', 1)[1])},
                            recorded.get('pid'), recorded.get('pidns'))
        # leftovers of an earlier run whose state file is gone: namespaces and mounts by name
        prefix = 'kf-%s-' % self.name
        for ns in run('ip', 'netns', 'list').stdout.split():
            if ns.startswith(prefix) and ns[len(prefix):] not in known:
                known[ns[len(prefix):]] = ({'short': ns[len(prefix):], 'fqdn': '', 'address': '',
                                            'number': -1}, None, None)
        if os.path.isdir(self.state_dir):
            for entry in os.listdir(self.state_dir):
                path = os.path.join(self.state_dir, entry)
                is_host = os.path.ismount(path) or os.path.isdir(os.path.join(path, 'root'))
                if is_host and entry not in known:
                    known[entry] = ({'short': entry, 'fqdn': '', 'address': '', 'number': -1}, None,
                                    None)
        for host, pid, namespace in known.values():
            self.cleanup_host(host, pid, namespace)
        for link in run('ip', '-o', 'link', 'show').stdout.splitlines():
            name = link.split(':')[1].strip().split('@')[0]
            if name.startswith('kf%s' % self.name) and name[len('kf%s' % self.name):].isdigit():
                run('ip', 'link', 'del', name, check=False)
        if run('ip', 'link', 'show', self.bridge, check=False).returncode == 0:
            run('ip', 'link', 'del', self.bridge)
        self.remove_hosts_block()
        if os.path.ismount(self.state_dir):
            run('umount', '-l', self.state_dir)
        shutil.rmtree(self.state_dir, ignore_errors=True)
        print('fleet %s: down (%d hosts removed; %d processes outlived the poweroff and were killed; '
              'none of the hosts\' processes remains)' % (self.name, len(known), self.stragglers))

    def status(self):
        state = self.load_state()
        for short, recorded in sorted(state['hosts'].items()):
            host = {'short': short}
            alive = recorded.get('pid') and self.nspawn_alive(recorded['pid'], host)
            print('%-22s %-14s %s' % (recorded.get('fqdn'), recorded.get('address'),
                                      'up (pid %d)' % recorded['pid'] if alive else 'down'))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('action', choices=['up', 'down', 'status'])
    parser.add_argument('--fleet', default='demo', choices=sorted(FLEETS))
    parser.add_argument('--inventory', default=os.path.join(ROOT, 'inventories', 'fleet', 'hosts.yml'))
    args = parser.parse_args()
    fleet = Fleet(args.fleet, args.inventory)
    try:
        getattr(fleet, args.action)()
    except FleetError as exc:
        print('fleet %s: %s' % (args.fleet, exc), file=sys.stderr)
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main())
