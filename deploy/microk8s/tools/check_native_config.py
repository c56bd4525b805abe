#!/usr/bin/env python3
"""Checks that what jib would put in a native image (the root pom's `images` profile: native arguments, user, ports,
environment; jib's fixed /work/application) equals each service's Dockerfile.native.

No native executable can be built on the development machines, so the native image itself cannot be pushed and
inspected there; this compares the two declarations instead. Exits 1 listing every difference.

usage: check_native_config.py ROOT_POM DOCKERFILE...
"""
import sys
import xml.etree.ElementTree as ET

from check_image import dockerfile_declarations

NS = {"m": "http://maven.apache.org/POM/4.0.0"}
# Fixed by Quarkus' JibProcessor for native builds: the executable is /work/application, run from /work.
JIB_NATIVE_WORKDIR = "/work"
JIB_NATIVE_BINARY = "./application"


def images_profile_properties(pom_path):
    root = ET.parse(pom_path).getroot()
    for profile in root.findall("m:profiles/m:profile", NS):
        if profile.findtext("m:id", namespaces=NS) == "images":
            return {child.tag.split("}")[1]: (child.text or "").strip()
                    for child in profile.find("m:properties", NS)}
    raise SystemExit(f"{pom_path}: no `images` profile")


def main():
    pom, *dockerfiles = sys.argv[1:]
    properties = images_profile_properties(pom)
    arguments = [a for a in properties.get("quarkus.jib.native-arguments", "").split(",") if a]
    jib = {
        "entrypoint": [JIB_NATIVE_BINARY, *arguments],
        "workdir": JIB_NATIVE_WORKDIR,
        "user": properties.get("quarkus.jib.user"),
        "ports": sorted(p.strip() + "/tcp" for p in properties.get("quarkus.jib.ports", "").split(",") if p.strip()),
        "env": {key.removeprefix("quarkus.jib.environment-variables."): value
                for key, value in properties.items() if key.startswith("quarkus.jib.environment-variables.")},
    }
    failures = 0
    for dockerfile in dockerfiles:
        declared = dockerfile_declarations(dockerfile)
        problems = []
        if declared["entrypoint"] != jib["entrypoint"]:
            problems.append(f"entrypoint {declared['entrypoint']}, jib {jib['entrypoint']}")
        if declared["workdir"] != jib["workdir"]:
            problems.append(f"working directory {declared['workdir']}, jib {jib['workdir']}")
        if declared["user"] != jib["user"]:
            problems.append(f"user {declared['user']}, jib {jib['user']}")
        tcp = sorted(p for p in declared["expose"] if p.endswith("/tcp"))
        if tcp != jib["ports"]:
            problems.append(f"TCP ports {tcp}, jib {jib['ports']}")
        if declared["env"] != jib["env"]:
            problems.append(f"environment {declared['env']}, jib {jib['env']}")
        if problems:
            failures += 1
            print(f"FAIL {dockerfile}")
            for problem in problems:
                print(f"  - {problem}")
    if failures:
        sys.exit(1)
    print(f"OK   {len(dockerfiles)} Dockerfile.native agree with the jib native settings: entrypoint "
          f"{jib['entrypoint']}, workdir {jib['workdir']}, user {jib['user']}, ports {','.join(jib['ports'])}, "
          f"env {','.join(sorted(jib['env']))}")


if __name__ == "__main__":
    main()
