"""Starts nginx on a free 127.0.0.1 port from a throwaway prefix, for tests
and benchmarks. The caller gives the server{} body; nginx runs in the
foreground of a child process and is stopped by stop()."""
import os
import shutil
import socket
import subprocess
import tempfile
import time

from netpeers import free_port, terminate


class Nginx:
    def __init__(self, server_body, files=None, http_extra=""):
        self.tmp = tempfile.mkdtemp(prefix="wb-nginx-")
        os.chmod(self.tmp, 0o755)
        self.www = os.path.join(self.tmp, "www")
        os.makedirs(self.www)
        os.chmod(self.www, 0o755)
        for name, data in (files or {}).items():
            with open(os.path.join(self.www, name), "wb") as f:
                f.write(data)
        self.port = free_port()
        temps = " ".join("%s_temp_path %s/%s;" % (k, self.tmp, k) for k in
                         ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
        conf = os.path.join(self.tmp, "nginx.conf")
        with open(conf, "w") as f:
            f.write("worker_processes 1; pid %s/nginx.pid; error_log %s/error.log;\n"
                    "events { worker_connections 64; }\n"
                    "http { access_log off; %s %s\n"
                    "  server { listen 127.0.0.1:%d; root %s; %s } }\n"
                    % (self.tmp, self.tmp, temps, http_extra, self.port, self.www,
                       server_body))
        self.proc = subprocess.Popen(["nginx", "-c", conf, "-p", self.tmp,
                                      "-g", "daemon off;"], stderr=subprocess.PIPE)
        deadline = time.time() + 10
        while time.time() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return
            except OSError:
                if self.proc.poll() is not None:
                    break
                time.sleep(0.05)
        self.stop()
        raise RuntimeError("nginx did not start")

    def stop(self):
        terminate(self.proc)
        shutil.rmtree(self.tmp, ignore_errors=True)
