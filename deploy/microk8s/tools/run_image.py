#!/usr/bin/env python3
"""Starts an image from a docker-archive tar without a container runtime, and waits for its liveness endpoint.

The layers are unpacked into a root filesystem; the image's own Entrypoint then runs there with the image's Env,
WorkingDir and User, chrooted, in new mount and PID namespaces with a fresh /proc (what a container runtime gives a
process, minus cgroups and a network namespace). Only the HTTP port is overridden (QUARKUS_HTTP_PORT, to a free
loopback port) because the host network is shared; other variables may be added (the deployment's configuration).
Needs root (chroot, unshare). Exits 0 once GET /q/health/live answers 200, 1 when the deadline passes or the process
exits first; the process is stopped either way.

usage: run_image.py ARCHIVE ROOTFS DEADLINE_SECONDS LOG [KEY=VALUE...]
"""
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tarfile
import time
import urllib.request


def unpack(archive, rootfs):
    shutil.rmtree(rootfs, ignore_errors=True)
    os.makedirs(rootfs)
    with tarfile.open(archive) as image:
        manifest = json.load(image.extractfile("manifest.json"))[0]
        config = json.load(image.extractfile(manifest["Config"]))["config"]
        for layer_name in manifest["Layers"]:
            with tarfile.open(fileobj=image.extractfile(layer_name)) as layer:
                # Layers are the image's own, written by jib and base_image.py: no whiteouts, no absolute paths.
                layer.extractall(rootfs, numeric_owner=True)
    os.makedirs(os.path.join(rootfs, "proc"), exist_ok=True)
    return config


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def main():
    archive, rootfs, deadline_seconds, log_path, *extra_env = sys.argv[1:]
    config = unpack(archive, os.path.abspath(rootfs))
    env = dict(entry.split("=", 1) for entry in config.get("Env") or [])
    env.update(entry.split("=", 1) for entry in extra_env)
    port = free_port()
    env["QUARKUS_HTTP_PORT"] = str(port)
    workdir = config.get("WorkingDir") or "/"
    user = config.get("User") or "0"
    # Absolute paths: the image's PATH (passed on in env) is searched for these otherwise.
    unshare, chroot = shutil.which("unshare"), shutil.which("chroot")
    command = [unshare, "--mount", "--pid", "--fork", "--kill-child", f"--mount-proc={os.path.abspath(rootfs)}/proc",
               chroot, f"--userspec={user}:0", os.path.abspath(rootfs),
               "/bin/sh", "-c", 'cd "$1" && shift && exec "$@"', "sh", workdir, *config["Entrypoint"],
               *(config.get("Cmd") or [])]
    started = time.monotonic()
    with open(log_path, "wb") as log:
        process = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}/q/health/live"
    try:
        while time.monotonic() - started < float(deadline_seconds):
            if process.poll() is not None:
                print(f"the entrypoint exited with {process.returncode} before {url} answered; log: {log_path}")
                return 1
            try:
                with urllib.request.urlopen(url, timeout=2) as response:
                    if response.status == 200:
                        status = json.load(response).get("status")
                        print(f"started {config['Entrypoint']} as user {user} in {workdir}: {url} -> 200 {status} "
                              f"after {time.monotonic() - started:.0f} s")
                        return 0
            except OSError:
                pass
            time.sleep(1)
        print(f"{url} did not answer within {deadline_seconds} s; log: {log_path}")
        return 1
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()


if __name__ == "__main__":
    sys.exit(main())
