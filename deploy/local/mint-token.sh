#!/usr/bin/env bash
# Mints a bearer token (RS256 JWT) signed with the local run's key, for calling the APIs with curl.
#   deploy/local/mint-token.sh --tenant demo [--roles owner,admin] [--ttl 86400]
#   deploy/local/mint-token.sh --service webhook-gateway [--ttl 2592000]
# Options: --key FILE (default: $RUN_DIR/jwt/private-key.pem), --issuer URL (default: https://proign.local/issuer).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

RUN_DIR=${RUN_DIR:-$LOCAL_DIR/.run}
key="$RUN_DIR/jwt/private-key.pem"
issuer=${JWT_ISSUER:-https://proign.local/issuer}
tenant="" roles="owner" service="" ttl=86400
while [ $# -gt 0 ]; do
  case "$1" in
    --tenant) tenant=$2; shift 2 ;;
    --roles) roles=$2; shift 2 ;;
    --service) service=$2; shift 2 ;;
    --ttl) ttl=$2; shift 2 ;;
    --key) key=$2; shift 2 ;;
    --issuer) issuer=$2; shift 2 ;;
    *) sed -n '2,6p' "$0" >&2; exit 2 ;;
  esac
done
[ -n "$tenant$service" ] || die "give --tenant or --service"
[ -f "$key" ] || die "no signing key at $key (deploy/local/run.sh makes one)"
[[ "$tenant$service$roles" =~ ^[a-z0-9,-]+$ ]] || die "tenant, service and roles are lower-case letters, digits, dashes"

b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
now=$(date +%s)
if [ -n "$service" ]; then
  subject=$service groups='"service"' tenant_claim=""
else
  subject="admin@$tenant" groups="\"${roles//,/\",\"}\"" tenant_claim=",\"tenant\":\"$tenant\""
fi
header=$(printf '{"alg":"RS256","typ":"JWT"}' | b64url)
payload=$(printf '{"iss":"%s","sub":"%s","upn":"%s","groups":[%s]%s,"iat":%d,"exp":%d,"jti":"%s"}' \
  "$issuer" "$subject" "$subject" "$groups" "$tenant_claim" "$now" "$((now + ttl))" "$(openssl rand -hex 12)" | b64url)
signature=$(printf '%s.%s' "$header" "$payload" | openssl dgst -sha256 -sign "$key" -binary | b64url)
printf '%s.%s.%s\n' "$header" "$payload" "$signature"
