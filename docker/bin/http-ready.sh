#!/usr/bin/env bash
# Health check without curl or wget (not every image has them): GET URL with bash's /dev/tcp and succeed when the
# answer's status is 200, or any HTTP status when the second argument is "any".
#   http-ready.sh http://127.0.0.1:8083/connectors [any]
set -euo pipefail

url=${1:?usage: http-ready.sh http://HOST:PORT/PATH [any]}
expect=${2:-200}
rest=${url#http://}
authority=${rest%%/*}
path=/${rest#*/}
[[ $rest == */* ]] || path=/
host=${authority%:*}
port=${authority##*:}
[[ $authority == *:* ]] || port=80

exec 3<>"/dev/tcp/$host/$port"
printf 'GET %s HTTP/1.0\r\nHost: %s\r\nConnection: close\r\n\r\n' "$path" "$authority" >&3
read -r -t 4 protocol status _ <&3
exec 3<&-
[[ $protocol == HTTP/* ]] || { echo "not an HTTP answer from $url" >&2; exit 1; }
[[ $expect == any || $status == "$expect" ]] || { echo "$url answered $status" >&2; exit 1; }
