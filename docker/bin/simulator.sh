#!/usr/bin/env bash
# Starts the TRTC API simulator with the key pair of the mounted credentials file, so the worker and the simulator
# share one secret and the SecretKey never appears on a command line. Arguments go to SimulatorMain.
set -euo pipefail

credentials=${TRTC_CREDENTIALS:-/run/secrets/trtc-credentials}
# The tools directory Maven builds (target/tools): the tools jar, whose manifest adds lib/ (the plugin jar, for the
# API classes, and its libraries).
tools=${TRTC_TOOLS_DIR:-/tools}

# The value of a key in a .properties file (key=value lines; surrounding blanks ignored).
property() {
    sed -n "s/^[[:space:]]*$1[[:space:]]*[=:][[:space:]]*//p" "$credentials" | tail -n 1 | sed 's/[[:space:]]*$//'
}

[[ -r $credentials ]] || { echo "simulator: cannot read the credentials file $credentials" >&2; exit 1; }
compgen -G "$tools/*-tools.jar" >/dev/null || {
    echo "simulator: no tools jar in $tools: build it first (mvn -B -ntp package -DskipTests)" >&2; exit 1; }
secret_id=$(property 'trtc\.secret\.id')
TRTC_SIM_SECRET_KEY=$(property 'trtc\.secret\.key')
[[ -n $secret_id ]] || { echo "simulator: trtc.secret.id is missing from $credentials" >&2; exit 1; }
[[ -n $TRTC_SIM_SECRET_KEY ]] || { echo "simulator: trtc.secret.key is missing from $credentials" >&2; exit 1; }
export TRTC_SIM_SECRET_KEY

exec java -Xmx256m -cp "$tools/*" dev.kafkaconnect.trtc.simulator.SimulatorMain --secret-id "$secret_id" "$@"
