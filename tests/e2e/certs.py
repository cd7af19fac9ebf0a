"""Test PKI for the TLS and proxy tests, made with the openssl command.

make_pki(dir) writes into dir (a fresh temporary directory):
  ca.pem / ca.key            "wirebench test CA"
  srv.pem / srv.key          CN=localhost, SAN DNS:localhost, IP:127.0.0.1
  chain.pem                  srv.pem + ca.pem (what nginx sends)
  other.pem / other.key      CN=other.test, SAN DNS:other.test only
  expired.pem / expired.key  CN=localhost, valid 2020-01-01 .. 2020-01-02
  future.pem / future.key    CN=localhost, valid 2090-01-01 .. 2090-01-02
  client.pem / client.key    a client certificate signed by the CA
  names.pem / names.key      no CN (O=wirebench names), SAN DNS:localhost,
                             email, URI, IP:::1 and a registered ID
and returns a dict of those paths. EC P-256 keys keep it fast.
"""
import os
import subprocess

CA_SUBJECT = "/CN=wirebench test CA"


def _run(*args, cwd):
    subprocess.run(["openssl", *args], cwd=cwd, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                   timeout=30)


def _key_and_csr(d, name, subject):
    _run("req", "-new", "-newkey", "ec", "-pkeyopt",
         "ec_paramgen_curve:P-256", "-nodes", "-keyout", name + ".key",
         "-out", name + ".csr", "-subj", subject, cwd=d)


def _write_ext(d, name, san, usage):
    with open(os.path.join(d, name + ".ext"), "w") as f:
        f.write("basicConstraints=CA:FALSE\n")
        f.write("extendedKeyUsage=%s\n" % usage)
        if san:
            f.write("subjectAltName=%s\n" % san)


def _sign(d, name, san, usage="serverAuth"):
    _write_ext(d, name, san, usage)
    _run("x509", "-req", "-in", name + ".csr", "-CA", "ca.pem", "-CAkey",
         "ca.key", "-CAcreateserial", "-out", name + ".pem", "-days", "3",
         "-sha256", "-extfile", name + ".ext", cwd=d)


CA_CNF = """[ca]
default_ca = test_ca
[test_ca]
database = index.txt
new_certs_dir = .
serial = serial
default_md = sha256
policy = any
unique_subject = no
[any]
commonName = supplied
"""


def _sign_dated(d, name, san, start, end):
    """openssl x509 cannot set the validity dates, openssl ca can."""
    _write_ext(d, name, san, "serverAuth")
    if not os.path.exists(os.path.join(d, "ca.cnf")):
        with open(os.path.join(d, "ca.cnf"), "w") as f:
            f.write(CA_CNF)
        open(os.path.join(d, "index.txt"), "w").close()
        with open(os.path.join(d, "serial"), "w") as f:
            f.write("1000\n")
    _run("ca", "-batch", "-config", "ca.cnf", "-cert", "ca.pem", "-keyfile",
         "ca.key", "-in", name + ".csr", "-out", name + ".pem", "-notext",
         "-startdate", start, "-enddate", end,
         "-extfile", name + ".ext", cwd=d)


def fingerprint(path):
    """The SHA-256 fingerprint as openssl prints it (AB:CD:...)."""
    out = subprocess.run(["openssl", "x509", "-in", path, "-noout",
                          "-fingerprint", "-sha256"], check=True,
                         capture_output=True, text=True, timeout=30).stdout
    return out.strip().split("=", 1)[1]


def make_pki(d):
    _run("req", "-x509", "-new", "-newkey", "ec", "-pkeyopt",
         "ec_paramgen_curve:P-256", "-nodes", "-keyout", "ca.key", "-out",
         "ca.pem", "-subj", CA_SUBJECT, "-days", "3",
         "-addext", "basicConstraints=critical,CA:TRUE",
         "-addext", "keyUsage=critical,keyCertSign,cRLSign", cwd=d)
    _key_and_csr(d, "srv", "/CN=localhost")
    _sign(d, "srv", "DNS:localhost,IP:127.0.0.1")
    _key_and_csr(d, "other", "/CN=other.test")
    _sign(d, "other", "DNS:other.test")
    _key_and_csr(d, "expired", "/CN=localhost")
    _sign_dated(d, "expired", "DNS:localhost,IP:127.0.0.1",
                "20200101000000Z", "20200102000000Z")
    _key_and_csr(d, "future", "/CN=localhost")
    _sign_dated(d, "future", "DNS:localhost", "20900101000000Z",
                "20900102000000Z")
    _key_and_csr(d, "client", "/CN=wirebench test client")
    _sign(d, "client", None, usage="clientAuth")
    _key_and_csr(d, "names", "/O=wirebench names/OU=no common name")
    _sign(d, "names", "DNS:localhost,email:ops@example.org,"
          "URI:https://example.org/names,IP:::1,RID:1.2.3.4")
    with open(os.path.join(d, "chain.pem"), "w") as out:
        for part in ("srv.pem", "ca.pem"):
            with open(os.path.join(d, part)) as f:
                out.write(f.read())
    names = ["ca", "srv", "other", "expired", "future", "client", "names"]
    paths = {}
    for n in names:
        paths[n] = os.path.join(d, n + ".pem")
        paths[n + "_key"] = os.path.join(d, n + ".key")
    paths["chain"] = os.path.join(d, "chain.pem")
    return paths


# A certificate whose names try to drive the terminal: OSC title, CSI
# colours, C1 CSI as UTF-8, BEL, backspace, bidi override and isolate.
HOSTILE_CN = "\x1b]0;pwned\x07evil\x1b[31m\u009b1m\u202eRLO\u2066x"
HOSTILE_SAN = "DNS:x\x1b[32mgreen.test,DNS:localhost"


def make_hostile(d):
    """Writes evil.pem / evil.key (self-signed) into d; returns the paths."""
    _run("req", "-x509", "-newkey", "ec", "-pkeyopt",
         "ec_paramgen_curve:P-256", "-nodes", "-keyout", "evil.key",
         "-out", "evil.pem", "-days", "3", "-utf8", "-subj",
         "/CN=%s/O=\u202eorg\x08" % HOSTILE_CN, "-addext",
         "subjectAltName=" + HOSTILE_SAN, cwd=d)
    return os.path.join(d, "evil.pem"), os.path.join(d, "evil.key")
