"""The fleet tool's decisions that need no root: addresses, names, /etc/hosts blocks, masking,
and its refusals. Booting real hosts is covered by molecule in `make test`."""
import os
import sys

import pytest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import fleet  # noqa: E402

INVENTORY = os.path.join(fleet.ROOT, 'inventories', 'fleet', 'hosts.yml')


def test_default_fleet_has_the_issue_hosts_and_distinct_subnets():
    demo = fleet.Fleet('demo', INVENTORY).hosts()
    test = fleet.Fleet('test', INVENTORY).hosts()
    assert [h['fqdn'] for h in demo] == [h['fqdn'] for h in test]
    assert len(demo) == 8 and sum(h['short'].startswith('kafka') for h in demo) == 3
    assert {h['address'].rsplit('.', 1)[0] for h in demo} == {'10.231.0'}
    assert {h['address'].rsplit('.', 1)[0] for h in test} == {'10.231.1'}
    assert len({h['address'] for h in demo}) == 8


def test_interface_names_fit_the_kernel_limit():
    one = fleet.Fleet('test', INVENTORY)
    for host in one.hosts():
        assert len(one.veth(host)) <= 15
    assert len(one.bridge) <= 15


def test_hosts_block_is_replaced_and_removed_without_touching_other_lines(tmp_path, monkeypatch):
    hosts = tmp_path / 'hosts'
    hosts.write_text('127.0.0.1 localhost\n')
    monkeypatch.setattr(fleet, 'HOSTS_FILE', str(hosts))
    demo, test = fleet.Fleet('demo', INVENTORY), fleet.Fleet('test', INVENTORY)
    demo.write_hosts_block(demo.hosts())
    test.write_hosts_block(test.hosts())
    test.write_hosts_block(test.hosts())
    text = hosts.read_text()
    assert text.count('# BEGIN kafkasec-fleet test') == 1
    assert text.index('10.231.1.21') < text.index('10.231.0.21')  # last up is found first
    test.remove_hosts_block()
    assert '10.231.1.' not in hosts.read_text() and '10.231.0.21' in hosts.read_text()
    demo.remove_hosts_block()
    assert hosts.read_text() == '127.0.0.1 localhost\n'


def test_controller_bridge_address_has_a_name():
    test = fleet.Fleet('test', INVENTORY)
    lines = test.hosts_lines(test.hosts()).splitlines()
    assert lines[0].split() == ['10.231.1.1', 'controller.fleet.test', 'controller']
    assert len(lines) == 9


def test_base_services_are_masked_but_ssh(tmp_path):
    wants = tmp_path / 'multi-user.target.wants'
    wants.mkdir()
    for unit in ('ssh.service', 'postgresql.service', 'remote-fs.target'):
        (wants / unit).write_text('')
    masked = fleet.Fleet.units_to_mask(str(tmp_path))
    assert 'postgresql.service' in masked and 'systemd-remount-fs.service' in masked
    assert 'ssh.service' not in masked and 'remote-fs.target' not in masked


def test_refuses_without_root(monkeypatch):
    monkeypatch.setattr(os, 'geteuid', lambda: 1000)
    with pytest.raises(fleet.FleetError, match='needs root'):
        fleet.Fleet.preflight()


def test_refuses_when_a_package_is_missing(monkeypatch):
    monkeypatch.setattr(os, 'geteuid', lambda: 0)
    monkeypatch.setattr(fleet.shutil, 'which', lambda tool: None if tool == 'systemd-nspawn' else '/x')
    with pytest.raises(fleet.FleetError, match='systemd-container'):
        fleet.Fleet.preflight()


def test_unknown_fleet_is_refused():
    with pytest.raises(fleet.FleetError, match='unknown fleet'):
        fleet.Fleet('prod', INVENTORY)


def test_down_kills_what_outlives_the_poweroff_in_the_host_namespace(monkeypatch):
    one = fleet.Fleet('test', INVENTORY)
    alive = {101: 'pid:[7]', 102: 'pid:[7]', 103: 'pid:[1]'}
    killed = []
    monkeypatch.setattr(one, 'processes_in', lambda ns: sorted(p for p, n in alive.items() if n == ns))
    monkeypatch.setattr(fleet.os, 'kill', lambda pid, sig: (killed.append(pid), alive.pop(pid)))
    monkeypatch.setattr(fleet.time, 'sleep', lambda s: None)
    one.end_namespace({'short': 'kafka1'}, 'pid:[7]')
    assert killed == [101, 102] and one.stragglers == 2 and 103 in alive


def test_down_fails_when_a_process_survives(monkeypatch):
    one = fleet.Fleet('test', INVENTORY)
    monkeypatch.setattr(one, 'processes_in', lambda ns: [101])
    monkeypatch.setattr(fleet.os, 'kill', lambda pid, sig: None)
    monkeypatch.setattr(fleet.time, 'sleep', lambda s: None)
    with pytest.raises(fleet.FleetError, match='survive SIGKILL'):
        one.end_namespace({'short': 'kafka1'}, 'pid:[7]')
