#!/usr/bin/env python3
"""Packs a root filesystem directory into a one-layer image archive in the `docker save` format.

Jib reads a base image given as tar://<file> in this format (manifest.json + config + layer tar), so the offline proof
can build a JVM base image without pulling anything. The layer is deterministic: sorted entries, mtime 0, uid/gid 0,
so the same rootfs always gives the same digest and the registry stores it once.

usage: base_image.py ROOTFS OUTPUT_TAR REPO_TAG KEY=VALUE... (KEY=VALUE pairs become the image's Env)
"""
import hashlib
import io
import json
import os
import sys
import tarfile


def layer_bytes(rootfs):
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w", format=tarfile.PAX_FORMAT) as layer:
        for directory, subdirs, files in os.walk(rootfs):
            subdirs.sort()
            for name in sorted(subdirs) + sorted(files):
                path = os.path.join(directory, name)
                info = layer.gettarinfo(path, arcname=os.path.relpath(path, rootfs))
                info.uid = info.gid = 0
                info.uname = info.gname = "root"
                info.mtime = 0
                if info.isfile():
                    with open(path, "rb") as content:
                        layer.addfile(info, content)
                else:
                    layer.addfile(info)
    return buffer.getvalue()


def main():
    rootfs, output, repo_tag, *env = sys.argv[1:]
    layer = layer_bytes(rootfs)
    diff_id = "sha256:" + hashlib.sha256(layer).hexdigest()
    config = {
        "architecture": "amd64",
        "os": "linux",
        "config": {"Env": env, "WorkingDir": "/"},
        "rootfs": {"type": "layers", "diff_ids": [diff_id]},
        "history": [{"created_by": "deploy/microk8s/tools/base_image.py (jlink runtime + minimal rootfs)"}],
    }
    config_bytes = json.dumps(config, sort_keys=True).encode()
    config_name = hashlib.sha256(config_bytes).hexdigest() + ".json"
    manifest = [{"Config": config_name, "RepoTags": [repo_tag], "Layers": ["layer.tar"]}]

    with tarfile.open(output, mode="w") as archive:
        for name, data in (("layer.tar", layer), (config_name, config_bytes),
                           ("manifest.json", json.dumps(manifest).encode())):
            info = tarfile.TarInfo(name)
            info.size = len(data)
            info.mode = 0o644
            archive.addfile(info, io.BytesIO(data))
    print(f"{output}: {repo_tag}, one layer {diff_id[:19]}..., {len(layer) // (1024 * 1024)} MiB uncompressed")


if __name__ == "__main__":
    main()
