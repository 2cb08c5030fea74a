# -*- coding: utf-8 -*-
# Copyright: kafkasec.platform contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""One request to an HTTPS API of the platform (Schema Registry, REST Proxy, Connect), for
playbooks/verify.yml.

  python https_check.py --url https://H:P/PATH --ca CA [--cert PEM --key PEM]
      [--method GET|POST] [--data JSON] [--content-type T] [--accept T] [--plain-http] [--timeout S]

Prints one JSON object {"outcome": ..., "detail": ...} and exits 0; judging is the playbook's:
  "HTTP <status>"      the server answered (detail: the body, cut short)
  "HANDSHAKE_REFUSED"  the TLS handshake failed (no certificate, another CA, a wrong name)
  "NO_HTTP_ANSWER"     with --plain-http: plain HTTP to the port got no HTTP answer
  "CLOSED"             nothing listens on the port
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import argparse
import http.client
import json
import socket
import ssl
from urllib.parse import urlsplit


def context(args):
    tls = ssl.create_default_context(cafile=args.ca)
    tls.minimum_version = ssl.TLSVersion.TLSv1_2
    if args.cert:
        tls.load_cert_chain(args.cert, args.key)
    return tls


def request(args):
    url = urlsplit(args.url)
    if args.plain_http:
        connection = http.client.HTTPConnection(url.hostname, url.port, timeout=args.timeout)
    else:
        connection = http.client.HTTPSConnection(url.hostname, url.port, timeout=args.timeout,
                                                 context=context(args))
    headers = {'Accept': args.accept}
    if args.data is not None:
        headers['Content-Type'] = args.content_type
    try:
        connection.request(args.method, url.path + ('?' + url.query if url.query else ''),
                           body=args.data, headers=headers)
        response = connection.getresponse()
        return 'HTTP %d' % response.status, response.read(2000).decode('utf-8', 'replace')
    except ConnectionRefusedError as exc:
        return 'CLOSED', str(exc)
    except ssl.SSLError as exc:
        return 'HANDSHAKE_REFUSED', str(exc)
    except (http.client.HTTPException, ConnectionError, socket.timeout) as exc:
        # A TLS server that drops the connection after the handshake refused our certificate;
        # on --plain-http it means the port does not speak HTTP.
        return ('NO_HTTP_ANSWER' if args.plain_http else 'HANDSHAKE_REFUSED'), '%s: %s' % (type(exc).__name__, exc)
    finally:
        connection.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--url', required=True)
    parser.add_argument('--ca', required=True)
    parser.add_argument('--cert')
    parser.add_argument('--key')
    parser.add_argument('--method', default='GET')
    parser.add_argument('--data')
    parser.add_argument('--content-type', default='application/json')
    parser.add_argument('--accept', default='application/json')
    parser.add_argument('--plain-http', action='store_true')
    parser.add_argument('--timeout', type=int, default=15)
    args = parser.parse_args()
    outcome, detail = request(args)
    print(json.dumps({'outcome': outcome, 'detail': detail}))


if __name__ == '__main__':
    main()
