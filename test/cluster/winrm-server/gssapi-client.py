"""An independent Kerberos peer for the wire-compatibility test: MIT's GSS-API through Debian's
python3-kerberos (pykerberos), doing what pywinrm's Kerberos transport does on the wire.

Reads {"url", "service" (HTTP@host), "message"} on stdin; authenticates with `Negotiate` on an
empty POST (the ticket comes from the cache in KRB5CCNAME), checks the AP-REP (mutual
authentication), sends "message" sealed with gss_wrap_iov in WinRM's multipart/encrypted framing,
unseals the answer with gss_unwrap and prints {"status", "complete", "header_length", "reply"}
or {"error": "..."}.
"""
import base64
import http.client
import json
import re
import struct
import sys
from urllib.parse import urlparse

import kerberos

BOUNDARY = "Encrypted Boundary"
PROTOCOL = "application/HTTP-SPNEGO-session-encrypted"

request = json.load(sys.stdin)
try:
    url = urlparse(request["url"])
    conn = http.client.HTTPConnection(url.hostname, url.port)
    flags = kerberos.GSS_C_MUTUAL_FLAG | kerberos.GSS_C_SEQUENCE_FLAG | kerberos.GSS_C_CONF_FLAG | kerberos.GSS_C_INTEG_FLAG
    _, ctx = kerberos.authGSSClientInit(request["service"], gssflags=flags, mech_oid=kerberos.GSS_MECH_OID_KRB5)
    kerberos.authGSSClientStep(ctx, "")
    conn.request("POST", url.path, body=b"", headers={"Authorization": "Negotiate " + kerberos.authGSSClientResponse(ctx), "Content-Type": "application/soap+xml;charset=UTF-8"})
    answer = conn.getresponse()
    answer.read()
    ap_rep = answer.getheader("WWW-Authenticate", "").split(" ")[-1]
    complete = kerberos.authGSSClientStep(ctx, ap_rep) == kerberos.AUTH_GSS_COMPLETE

    message = request["message"].encode("utf-8")
    kerberos.authGSSClientWrapIov(ctx, base64.b64encode(message).decode("ascii"), 1)
    wrapped = base64.b64decode(kerberos.authGSSClientResponse(ctx))
    # pykerberos answers with WinRM's layout already: the header's u32 LE length, the header, the sealed message.
    header_length = struct.unpack("<I", wrapped[:4])[0]
    body = (
        f"--{BOUNDARY}\r\n\tContent-Type: {PROTOCOL}\r\n\tOriginalContent: type=application/soap+xml;charset=UTF-8;Length={len(message)}\r\n"
        f"--{BOUNDARY}\r\n\tContent-Type: application/octet-stream\r\n"
    ).encode("latin1") + wrapped + f"--{BOUNDARY}--\r\n".encode("latin1")
    content_type = f'multipart/encrypted;protocol="{PROTOCOL}";boundary="{BOUNDARY}"'
    conn.request("POST", url.path, body=body, headers={"Content-Type": content_type})
    answer = conn.getresponse()
    sealed = answer.read()
    if answer.getheader("Content-Type", "").find("multipart/encrypted") < 0:
        raise ValueError(f"the answer is not sealed: HTTP {answer.status} {sealed[:200]!r}")
    start = sealed.index(b"application/octet-stream\r\n") + len(b"application/octet-stream\r\n")
    end = sealed.rindex(f"--{BOUNDARY}".encode("latin1"))
    length = struct.unpack("<I", sealed[start:start + 4])[0]
    token = sealed[start + 4:end]
    kerberos.authGSSClientUnwrap(ctx, base64.b64encode(token).decode("ascii"))
    reply = base64.b64decode(kerberos.authGSSClientResponse(ctx) or "").decode("utf-8")
    print(json.dumps({"status": answer.status, "complete": complete, "header_length": header_length, "server_header_length": length, "reply": reply}))
except Exception as error:  # noqa: BLE001 - the test prints what failed
    print(json.dumps({"error": f"{type(error).__name__}: {error}"}))
