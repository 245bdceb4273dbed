"""An independent WinRM client for the wire-compatibility test: Debian's python3-winrm (pywinrm).

Reads a JSON request on stdin: {"url", "username", "password", "steps": [{"cmd": [...]} | {"ps": "..."}]},
runs each step in its own pywinrm Session call (NTLM, message encryption always over http://; over
https:// TLS protects the messages, the certificate is checked against "ca_trust_path", and channel
binding is sent unless "send_cbt" is false), and prints one
JSON document: {"results": [{"status_code", "std_out", "std_err", "ms"}]} (ms: the step's wall time) or
{"error": "<exception class>"}.
"""
import json
import sys
import time
from base64 import b64encode

import winrm
from winrm.exceptions import InvalidCredentialsError

request = json.load(sys.stdin)
try:
    over_tls = request["url"].startswith("https:")
    # pywinrm 0.3 lets REQUESTS_CA_BUNDLE override server_cert_validation="ignore": trust the test's certificate instead.
    tls_options = {"server_cert_validation": "validate", "ca_trust_path": request.get("ca_trust_path"), "send_cbt": request.get("send_cbt", True)} if over_tls else {}
    session = winrm.Session(
        request["url"],
        auth=(request["username"], request["password"]),
        transport="ntlm",
        message_encryption="auto" if over_tls else "always",
        **tls_options,
        operation_timeout_sec=request.get("operation_timeout_sec", 20),
        read_timeout_sec=request.get("read_timeout_sec", 30),
    )
    results = []
    for step in request["steps"]:
        started = time.perf_counter()
        if "cmd" in step:
            response = session.run_cmd(step["cmd"][0], step["cmd"][1:])
        else:
            # Session.run_ps's own command line; run_ps itself then fails in pywinrm 0.3 on Python 3
            # whenever stderr is not empty (_clean_error_msg compares bytes with str).
            encoded = b64encode(step["ps"].encode("utf_16_le")).decode("ascii")
            response = session.run_cmd("powershell -encodedcommand {0}".format(encoded))
        results.append({
            "status_code": response.status_code,
            "std_out": response.std_out.decode("utf-8"),
            "std_err": response.std_err.decode("utf-8") if isinstance(response.std_err, bytes) else response.std_err,
            "ms": (time.perf_counter() - started) * 1000,
        })
    print(json.dumps({"results": results}))
except InvalidCredentialsError as error:
    print(json.dumps({"error": type(error).__name__}))
