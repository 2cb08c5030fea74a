"""Makes the collection importable for a plain pytest run from the checkout
(`make setup` links it under .collections/): unit, integration and fleet tests; ansible-test
units needs none of this."""
import os
import sys

_LINKED = os.path.join(os.path.dirname(__file__), '..', '.collections')
if 'ansible_collections.kafkasec' not in sys.modules and os.path.isdir(_LINKED):
    sys.path.insert(0, os.path.abspath(_LINKED))
