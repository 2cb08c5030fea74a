# -*- coding: utf-8 -*-
# Copyright: kafkasec.platform contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Health waits shared by the info modules."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import time


def poll(probe, timeout, interval=2):
    """Call probe() -> (state, problem) until problem is None or `timeout` seconds have passed;
    the last (state, problem). With timeout 0 the probe runs once."""
    deadline = time.time() + timeout
    state, problem = probe()
    while timeout and problem is not None and time.time() < deadline:
        time.sleep(interval)
        state, problem = probe()
    return state, problem
