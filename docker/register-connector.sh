#!/usr/bin/env bash
# Registers a connector with the Docker stack's Connect worker, shows its status, and prints the first records of
# each topic it writes.
#
#   docker/register-connector.sh [CONFIG_JSON]      (default: config/trtc-source-docker.json, the simulator example)
#
# CONFIG_JSON is either a flat map of settings with a "name" entry (the body of PUT /connectors/{name}/config) or
# {"name": ..., "config": {...}} (the body of POST /connectors; needs jq or python3 to unwrap). Registration uses
# PUT /connectors/{name}/config, so running the script again updates the connector instead of failing.
# When trtc.comm.ids is empty and the stack's simulator runs, the simulator's calls are filled in.
#
# Environment: CONNECT_URL (default http://localhost:8083), COMPOSE (default: docker compose -f <this dir>/
# docker-compose.yml; set COMPOSE_PROJECT_NAME to reach a stack started under another name), WAIT_SECONDS (180),
# RECORDS (records shown per topic, 5; 0 shows none and does not wait for records).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
config_file=${1:-$here/../config/trtc-source-docker.json}
connect_url=${CONNECT_URL:-http://localhost:8083}
connect_url=${connect_url%/}
wait_seconds=${WAIT_SECONDS:-180}
records=${RECORDS:-5}
if [[ -n ${COMPOSE:-} ]]; then
    read -r -a compose <<<"$COMPOSE"
else
    compose=(docker compose -f "$here/docker-compose.yml")
fi

fail() {
    echo "register-connector: $*" >&2
    exit 1
}

[[ -r $config_file ]] || fail "cannot read the connector configuration $config_file"
[[ $wait_seconds =~ ^[0-9]+$ ]] || fail "WAIT_SECONDS must be a number of seconds, got '$wait_seconds'"
[[ $records =~ ^[0-9]+$ ]] || fail "RECORDS must be a number of records, got '$records'"
command -v curl >/dev/null || fail "curl is required"

deadline=$((SECONDS + wait_seconds))

# Runs "$@" until it succeeds or WAIT_SECONDS have passed since the start; polls every 2 s.
await() {
    local what=$1
    shift
    until "$@"; do
        ((SECONDS < deadline)) || fail "gave up after ${wait_seconds}s waiting for $what"
        sleep 2
    done
}

# The string value of a top-level-looking "key": "value" pair (the JSON files here hold one setting a line).
json_string() {
    sed -n "s/^[[:space:]]*\"$1\"[[:space:]]*:[[:space:]]*\"\\([^\"]*\\)\".*/\\1/p" | head -n 1
}

# The settings as a flat JSON object.
flat_config() {
    if ! grep -Eq '"config"[[:space:]]*:[[:space:]]*\{' "$config_file"; then
        cat "$config_file"
    elif command -v jq >/dev/null; then
        jq '.config + {name: .name}' "$config_file"
    elif command -v python3 >/dev/null; then
        python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); c=d["config"]; c["name"]=d["name"]; print(json.dumps(c, indent=2))' "$config_file"
    else
        fail "$config_file has a \"config\" object: unwrapping it needs jq or python3 (or write the settings flat)"
    fi
}

connect_up() {
    curl -fsS -o /dev/null "$connect_url/connectors" 2>/dev/null
}

simulator_running() {
    "${compose[@]}" --profile simulator ps --services --status running 2>/dev/null | grep -qx simulator
}

# The simulator prints one line per call at start-up: "  <CommId>  room <room>  <n> users  live|finished".
simulator_calls() {
    "${compose[@]}" --profile simulator logs --no-log-prefix simulator 2>/dev/null | awk '$2 == "room" && $1 ~ /^[0-9]+_.+_[0-9]+$/ { print $1 }' \
        | sort -u | paste -sd, -
}

settings=$(flat_config)
name=$(json_string name <<<"$settings")
[[ -n $name ]] || fail "$config_file has no \"name\""
[[ $name =~ ^[A-Za-z0-9._-]+$ ]] || fail "connector name '$name' must be letters, digits, '.', '_' or '-'"

echo "Waiting for the Connect REST API at $connect_url ..."
await "the Connect REST API at $connect_url" connect_up

if grep -Eq '"trtc\.comm\.ids"[[:space:]]*:[[:space:]]*""' <<<"$settings"; then
    simulator_running || fail "trtc.comm.ids is empty in $config_file and the simulator is not running: list the" \
        "CommIds to read, or start the stack with --profile simulator"
    calls=""
    read_calls() {
        calls=$(simulator_calls)
        [[ -n $calls ]]
    }
    await "the simulator to list its calls" read_calls
    echo "Reading the simulator's calls: $calls"
    settings=$(sed -E "s/(\"trtc\\.comm\\.ids\"[[:space:]]*:[[:space:]]*)\"\"/\\1\"$calls\"/" <<<"$settings")
fi

echo "Registering connector '$name' from $config_file ..."
answer=$(mktemp)
trap 'rm -f "$answer"' EXIT
code=$(curl -sS -o "$answer" -w '%{http_code}' -X PUT -H 'Content-Type: application/json' \
    --data-binary @- "$connect_url/connectors/$name/config" <<<"$settings") || fail "PUT to $connect_url failed"
case $code in
    200) echo "Updated connector '$name'." ;;
    201) echo "Created connector '$name'." ;;
    *) fail "Connect refused the configuration (HTTP $code): $(sed 's/\\n/\n  /g' "$answer")" ;;
esac

status=""
# Fails the script when the connector or a task has failed: its trace says why.
not_failed() {
    status=$(curl -fsS "$connect_url/connectors/$name/status" 2>/dev/null) || return 1
    if grep -q '"state":"FAILED"' <<<"$status"; then
        fail "connector '$name' failed: $(sed 's/\\n/\n  /g; s/\\t/  /g' <<<"$status")"
    fi
}
running() {
    not_failed || return 1
    local states
    states=$(grep -o '"state":"[A-Z]*"' <<<"$status" | sort -u)
    [[ $states == '"state":"RUNNING"' ]] && grep -q '"tasks":\[{' <<<"$status"
}
await "connector '$name' and its tasks to run" running
echo "Status: $status"
((records > 0)) || exit 0

# The topics this connector writes, from its settings (the connector's defaults where not set).
app_id=$(json_string 'trtc\.sdk\.app\.id' <<<"$settings")
expected=""
for setting in samples:quality participants:participants; do
    topic=$(json_string "trtc\\.topic\\.${setting%%:*}" <<<"$settings")
    topic=${topic:-trtc.\${sdkAppId\}.${setting#*:}}
    expected="$expected ${topic//\$\{sdkAppId\}/$app_id}"
done

topics=""
active_topics() {
    not_failed || return 1
    topics=$(curl -fsS "$connect_url/connectors/$name/topics" 2>/dev/null \
        | sed -n 's/.*"topics":\[\([^]]*\)\].*/\1/p' | tr -d '"' | tr ',' ' ')
}
written() {
    active_topics && [[ -n ${topics// /} ]]
}
all_written() {
    active_topics || return 1
    local topic
    for topic in $expected; do
        [[ " $topics " == *" $topic "* ]] || return 1
    done
}
await "connector '$name' to write its first records" written
# The other topic may take a little longer (its first window may not have settled yet): wait for it until the
# deadline, then show what there is.
until all_written || ((SECONDS >= deadline)); do
    sleep 2
done

for topic in $expected; do
    [[ " $topics " == *" $topic "* ]] || echo "(no records in $topic yet)"
done
for topic in $topics; do
    echo
    echo "== $topic: the first $records records (key and value bytes, non-printable bytes as \\xNN)"
    "${compose[@]}" exec -T kafka /opt/kafka/bin/kafka-console-consumer.sh --bootstrap-server kafka:19092 \
        --topic "$topic" --from-beginning --max-messages "$records" --timeout-ms 30000 \
        --isolation-level read_committed --command-property group.protocol=consumer \
        --key-deserializer org.apache.kafka.common.serialization.BytesDeserializer \
        --value-deserializer org.apache.kafka.common.serialization.BytesDeserializer \
        --formatter-property print.key=true --formatter-property print.partition=true \
        --formatter-property key.separator=' | ' </dev/null \
        || echo "register-connector: could not read $topic through the kafka service" >&2
done
echo
echo "Schemas: curl http://localhost:${SCHEMA_REGISTRY_HOST_PORT:-8081}/apis/ccompat/v7/subjects"
