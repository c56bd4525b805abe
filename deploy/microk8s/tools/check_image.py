#!/usr/bin/env python3
"""Asserts that a pushed image carries what the service's Dockerfile declares: entrypoint, user, working directory,
exposed TCP ports, environment, and exactly the expected tag (never `latest`).

The expectations are read from the Dockerfile itself, so the jib configuration (root pom, profile `images`) and the
Dockerfiles cannot drift apart unnoticed. Prints one summary line; exits 1 with every mismatch listed.

usage: check_image.py SERVICE DOCKERFILE TAG INSPECT_JSON CONFIG_JSON
  INSPECT_JSON: output of `skopeo inspect`, CONFIG_JSON: output of `skopeo inspect --config`
"""
import json
import shlex
import sys


def dockerfile_declarations(path):
    """ENTRYPOINT, USER, WORKDIR, EXPOSE and ENV of the final stage (continuation lines joined)."""
    declared = {"env": {}, "expose": [], "entrypoint": None, "user": None, "workdir": None}
    logical, pending = [], ""
    with open(path) as dockerfile:
        for raw in dockerfile:
            line = raw.rstrip("\n")
            if not pending and (not line.strip() or line.lstrip().startswith("#")):
                continue
            if line.endswith("\\"):
                pending += line[:-1] + " "
                continue
            logical.append(pending + line)
            pending = ""
    for line in logical:
        instruction, _, argument = line.strip().partition(" ")
        instruction, argument = instruction.upper(), argument.strip()
        if instruction == "FROM":
            declared = {"env": {}, "expose": [], "entrypoint": None, "user": None, "workdir": None}
        elif instruction == "ENV":
            for assignment in shlex.split(argument):
                key, _, value = assignment.partition("=")
                declared["env"][key] = value
        elif instruction == "EXPOSE":
            for port in argument.split():
                declared["expose"].append(port if "/" in port else port + "/tcp")
        elif instruction == "ENTRYPOINT":
            declared["entrypoint"] = json.loads(argument)
        elif instruction == "USER":
            declared["user"] = argument
        elif instruction == "WORKDIR":
            declared["workdir"] = argument.rstrip("/") or "/"
    return declared


def main():
    service, dockerfile, tag, inspect_path, config_path = sys.argv[1:]
    with open(inspect_path) as inspect_file:
        inspect = json.load(inspect_file)
    with open(config_path) as config_file:
        config = json.load(config_file).get("config", {})
    declared = dockerfile_declarations(dockerfile)
    problems = []

    if tag == "latest":
        problems.append("tag is `latest`; images must carry the project version")
    if inspect.get("RepoTags") != [tag]:
        problems.append(f"tags {inspect.get('RepoTags')}, expected exactly [{tag!r}]")

    entrypoint = config.get("Entrypoint")
    if entrypoint != declared["entrypoint"]:
        problems.append(f"entrypoint {entrypoint}, Dockerfile says {declared['entrypoint']}")
    user = config.get("User")
    if user != declared["user"] or user in (None, "", "0", "root"):
        problems.append(f"user {user!r}, Dockerfile says {declared['user']!r} (must be non-root)")
    workdir = (config.get("WorkingDir") or "/").rstrip("/") or "/"
    if workdir != declared["workdir"]:
        problems.append(f"working directory {workdir!r}, Dockerfile says {declared['workdir']!r}")

    # Quarkus' quarkus.jib.ports can only declare TCP ports; a UDP port stays declared in the Dockerfile (and, where it
    # matters, in the Kubernetes manifest), so it is reported rather than required.
    exposed = sorted(config.get("ExposedPorts") or {})
    declared_tcp = sorted(p for p in declared["expose"] if p.endswith("/tcp"))
    declared_udp = sorted(p for p in declared["expose"] if not p.endswith("/tcp"))
    if exposed != declared_tcp:
        problems.append(f"exposed ports {exposed}, Dockerfile declares TCP {declared_tcp}")

    image_env = dict(entry.partition("=")[::2] for entry in config.get("Env") or [])
    for key, value in declared["env"].items():
        if image_env.get(key) != value:
            problems.append(f"env {key}={image_env.get(key)!r}, Dockerfile says {value!r}")

    summary = (f"{service}:{tag} {inspect.get('Digest', '?')[:19]}... entrypoint={entrypoint} user={user} "
               f"workdir={workdir} ports={','.join(exposed)} env={','.join(sorted(declared['env']))} "
               f"layers={len(inspect.get('Layers') or [])}")
    if declared_udp:
        summary += f" (Dockerfile-only: {','.join(declared_udp)})"
    if problems:
        print(f"FAIL {summary}")
        for problem in problems:
            print(f"  - {problem}")
        sys.exit(1)
    print(f"OK   {summary}")


if __name__ == "__main__":
    main()
