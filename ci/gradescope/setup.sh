#!/usr/bin/env bash
# Gradescope runs this once, as root, when it builds the autograder image
# (Ubuntu 22.04). Upload a zip holding: setup.sh, run_autograder, the grade
# release tarball the course hosts (grade-X.Y.Z.tgz: the version pins what the
# class is graded with), and grade.env (DOCKER_HOST and its certificates; see
# run_autograder).
set -euo pipefail
cd /autograder/source

apt-get update
# The docker CLI and compose plugin: grade repo brings compose files up with them.
apt-get install -y --no-install-recommends ca-certificates curl gnupg docker.io docker-compose-v2
# Node.js 20 (grade needs >= 20.12), from NodeSource.
curl -fsSL https://deb.nodesource.com/setup_20.x | bash -
apt-get install -y --no-install-recommends nodejs
npm install --global ./grade-*.tgz

install -m 0755 run_autograder /autograder/run_autograder
grade --version
