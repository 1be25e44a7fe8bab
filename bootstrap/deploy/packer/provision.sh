#!/usr/bin/env bash
# Packer shell provisioner for a Druid AMI (no systemd needed): puts druid-msk-install on the image and installs the
# bundle uploaded by a file provisioner. In the template:
#   provisioner "file"  { sources = ["druid-msk-install", "druid-msk-iam-0.1.0-bundle.tar.gz"] destination = "/tmp/" }
#   provisioner "shell" { script = "provision.sh" execute_command = "sudo -E bash '{{ .Path }}'"
#                         environment_vars = ["DRUID_MSK_BUNDLE_SHA256=<sha256>"] }
# The one-liner it runs:
#   install -D -m 0755 /tmp/druid-msk-install /opt/druid-msk/bin/druid-msk-install && /opt/druid-msk/bin/druid-msk-install install --druid-home /opt/druid --bundle /tmp/druid-msk-iam-0.1.0-bundle.tar.gz --sha256 "$DRUID_MSK_BUNDLE_SHA256"
set -euo pipefail

: "${DRUID_MSK_BUNDLE_SHA256:?set DRUID_MSK_BUNDLE_SHA256 to the SHA-256 of the bundle tarball}"
readonly uploads="${DRUID_MSK_UPLOADS:-/tmp}"
readonly installer="${DRUID_MSK_INSTALLER:-/opt/druid-msk/bin/druid-msk-install}"

install -D -m 0755 "${uploads}/druid-msk-install" "${installer}"
"${installer}" install --druid-home "${DRUID_HOME:-/opt/druid}" \
  --bundle "${uploads}/druid-msk-iam-${DRUID_MSK_VERSION:-0.1.0}-bundle.tar.gz" --sha256 "${DRUID_MSK_BUNDLE_SHA256}"
