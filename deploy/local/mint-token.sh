#!/usr/bin/env bash
# Mints a bearer token (RS256 JWT) for calling the APIs with curl.
#   deploy/local/mint-token.sh --tenant demo [--roles owner,admin] [--ttl 86400]
#       a user of the tenant, signed with the local run's platform issuer key
#   deploy/local/mint-token.sh --operator [--ttl 3600]
#       the platform's operator (role operator, no tenant): the services' dead letters (/ops/...)
#   deploy/local/mint-token.sh --service webhook-gateway|sync-service [--ttl 300]
#       that service's own token for integration-service's /internal endpoints, signed with the service's key
# Options: --key FILE (default: the run's key for the kind), --issuer URL (users; default https://proign.local/issuer),
#   --run-dir DIR (the run whose keys sign: $RUN_DIR, which sourcing the run's env file with set -a exports, or
#   else deploy/local/.run).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

RUN_DIR=${RUN_DIR:-$LOCAL_DIR/.run}
key=""
issuer=${JWT_ISSUER:-https://proign.local/issuer}
tenant="" roles="owner" service="" operator="" ttl=""
while [ $# -gt 0 ]; do
  case "$1" in
    --tenant) tenant=$2; shift 2 ;;
    --roles) roles=$2; shift 2 ;;
    --service) service=$2; shift 2 ;;
    --operator) operator=yes; shift ;;
    --ttl) ttl=$2; shift 2 ;;
    --key) key=$2; shift 2 ;;
    --issuer) issuer=$2; shift 2 ;;
    --run-dir) RUN_DIR=$2; shift 2 ;;
    *) sed -n '2,11p' "$0" >&2; exit 2 ;;
  esac
done
[ -n "$tenant$service$operator" ] || die "give --tenant, --operator or --service"
[[ "$tenant$service$roles" =~ ^[a-z0-9,-]+$ ]] || die "tenant, service and roles are lower-case letters, digits, dashes"

b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
now=$(date +%s)
if [ -n "$service" ]; then
  # integration-service takes a service token of at most ten minutes, for its audience, kid = issuer = the service
  key=${key:-$RUN_DIR/secrets/identity/$service.pem}
  ttl=${ttl:-300}
  header=$(printf '{"alg":"RS256","typ":"JWT","kid":"%s"}' "$service" | b64url)
  payload=$(printf '{"iss":"%s","sub":"%s","aud":"integration-service","iat":%d,"exp":%d,"jti":"%s"}' \
    "$service" "$service" "$now" "$((now + ttl))" "$(openssl rand -hex 12)" | b64url)
elif [ -n "$operator" ]; then
  key=${key:-$RUN_DIR/secrets/jwt-private-key.pem}
  ttl=${ttl:-3600}
  header=$(printf '{"alg":"RS256","typ":"JWT"}' | b64url)
  payload=$(printf '{"iss":"%s","sub":"operator@proign","upn":"operator@proign","groups":["operator"],"iat":%d,"exp":%d,"jti":"%s"}' \
    "$issuer" "$now" "$((now + ttl))" "$(openssl rand -hex 12)" | b64url)
else
  key=${key:-$RUN_DIR/secrets/jwt-private-key.pem}
  ttl=${ttl:-86400}
  header=$(printf '{"alg":"RS256","typ":"JWT"}' | b64url)
  payload=$(printf '{"iss":"%s","sub":"admin@%s","upn":"admin@%s","groups":["%s"],"tenant":"%s","iat":%d,"exp":%d,"jti":"%s"}' \
    "$issuer" "$tenant" "$tenant" "${roles//,/\",\"}" "$tenant" "$now" "$((now + ttl))" "$(openssl rand -hex 12)" | b64url)
fi
[ -f "$key" ] || die "no signing key at $key: deploy/local/run.sh makes one in its RUN_DIR; for a run elsewhere give
  --run-dir DIR, or source that run's env file with set -a (it exports RUN_DIR)"
signature=$(printf '%s.%s' "$header" "$payload" | openssl dgst -sha256 -sign "$key" -binary | b64url)
printf '%s.%s.%s\n' "$header" "$payload" "$signature"
