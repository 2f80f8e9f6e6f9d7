#!/usr/bin/env bash
# Sends the hostile requests of issue 13 to a running local ICSS Ledger (deploy/run-local.sh), checks that each is
# refused with a 4xx application/problem+json (or, for the long names that now fit, taken and shown), then posts a
# good organisation and a Gold audit and waits until the public registry shows it. Exits non-zero on the first
# answer that is not what docs/ROBUSTNESS.md says.
#
#   deploy/hostile-probe.sh          # against localhost:8081/8082, registry on 8080, the local profile's dev keys
#
# Environment: ICSS_BASE_URL (one URL for all services, README "One base URL"), or per service AUDIT_URL,
# CERTIFICATION_URL, REGISTRY_URL; ICSS_KEY_CSIAU (default dev-csiau-key). Needs bash, curl.
set -euo pipefail

AUDIT_URL=${AUDIT_URL:-${ICSS_BASE_URL:-http://localhost:8081}}
CERTIFICATION_URL=${CERTIFICATION_URL:-${ICSS_BASE_URL:-http://localhost:8082}}
REGISTRY_URL=${REGISTRY_URL:-${ICSS_BASE_URL:-http://localhost:8080}}
KEY=${ICSS_KEY_CSIAU:-dev-csiau-key}
TODAY=$(date -u +%F)
FAILED=0
CODES="SRV-01 SRV-02 SRV-03 SRV-04 SRV-05 SRV-06 SRV-07 FIN-01 FIN-02 FIN-03 FIN-04 FIN-05 OPS-01 OPS-02 OPS-03 OPS-04 OPS-05 OPS-06 OPS-07 LRN-01 LRN-02 LRN-03 LRN-04 LRN-05 LRN-06"

# call METHOD URL [BODY] -> sets STATUS, TYPE (Content-Type) and BODY
call() {
    local method=$1 url=$2 body=${3:-} out
    out=$(mktemp)
    if [ -n "$body" ]; then
        read -r STATUS TYPE < <(curl -s -o "$out" -w '%{http_code} %{content_type}\n' -X "$method" "$url" \
            -H "X-API-Key: $KEY" -H 'Content-Type: application/json' --data-binary "$body")
    else
        read -r STATUS TYPE < <(curl -s -o "$out" -w '%{http_code} %{content_type}\n' -X "$method" "$url")
    fi
    BODY=$(cat "$out")
    rm -f "$out"
}

# expect_problem WHAT METHOD URL [BODY]: a 4xx problem+json
expect_problem() {
    local what=$1
    shift
    call "$@"
    if [[ "$STATUS" == 4* && "$TYPE" == application/problem+json* ]]; then
        printf 'ok    %-58s %s %s\n' "$what" "$STATUS" "$(sed -n 's/.*"type":"\([^"]*\)".*/\1/p' <<<"$BODY")"
    else
        printf 'FAIL  %-58s %s %s %s\n' "$what" "$STATUS" "$TYPE" "${BODY:0:200}"
        FAILED=1
    fi
}

expect_status() {  # expect_status WHAT CODE METHOD URL [BODY]
    local what=$1 code=$2
    shift 2
    call "$@"
    if [ "$STATUS" = "$code" ]; then
        printf 'ok    %-58s %s\n' "$what" "$STATUS"
    else
        printf 'FAIL  %-58s %s (wanted %s) %s\n' "$what" "$STATUS" "$code" "${BODY:0:200}"
        FAILED=1
    fi
}

scores() {  # scores VALUE -> a JSON object of every ICSS:2020-2025 attribute at VALUE
    local json="" code
    for code in $CODES; do json+="${json:+,}\"$code\":$1"; done
    echo "{$json}"
}

repeat() { local out="" i; for ((i = 0; i < $2; i++)); do out+=$1; done; echo "$out"; }

echo "== writes"
expect_problem "registration in year -4800" POST "$AUDIT_URL/api/v1/organisations" \
    '{"name":"Probe Far Past Ltd","country":"AU","registeredOn":"-4800-01-01"}'
expect_problem "registration in year +999999999" POST "$AUDIT_URL/api/v1/organisations" \
    '{"name":"Probe Far Future Ltd","country":"AU","registeredOn":"+999999999-12-31"}'
expect_problem "name as a number (coercion)" POST "$AUDIT_URL/api/v1/organisations" '{"name":12345,"country":"AU"}'
expect_problem "unknown field" POST "$AUDIT_URL/api/v1/organisations" '{"name":"Probe Ltd","country":"AU","nmae":"x"}'
expect_problem "registration date as a date-time" POST "$AUDIT_URL/api/v1/organisations" \
    '{"name":"Probe Ltd","country":"AU","registeredOn":"2020-01-01T00:00:00Z"}'
expect_problem "name with U+FFFE" POST "$AUDIT_URL/api/v1/organisations" '{"name":"Probe \uFFFE Ltd","country":"AU"}'
expect_status "100 Hangul syllables (folds long, now fits)" 201 POST "$AUDIT_URL/api/v1/organisations" \
    "{\"name\":\"$(repeat 한 100) $RANDOM\",\"country\":\"KR\",\"registeredOn\":\"2020-01-01\"}"
expect_status "\"İ\" x 120 (lower-cases long, now fits)" 201 POST "$AUDIT_URL/api/v1/organisations" \
    "{\"name\":\"$(repeat İ 120) $RANDOM\",\"country\":\"TR\",\"registeredOn\":\"2020-01-01\"}"
call POST "$AUDIT_URL/api/v1/organisations" "{\"name\":\"Probe Harbour $RANDOM$RANDOM Ltd\",\"country\":\"AU\",\"registeredOn\":\"2020-01-01\"}"
ORG=$(sed -n 's/.*"organisationId":"\([^"]*\)".*/\1/p' <<<"$BODY")
[ -n "$ORG" ] || { echo "FAIL  could not register the probe organisation: $STATUS $BODY"; exit 1; }
expect_problem "auditor with a NUL" POST "$AUDIT_URL/api/v1/organisations/$ORG/audits" \
    "{\"standardVersion\":\"ICSS:2020-2025\",\"auditType\":\"CERTIFICATION\",\"auditedOn\":\"2024-03-01\",\"auditor\":\"R. Inspector\\u0000\",\"scores\":$(scores 8)}"
expect_problem "a score given twice" POST "$AUDIT_URL/api/v1/organisations/$ORG/audits" \
    "{\"standardVersion\":\"ICSS:2020-2025\",\"auditType\":\"CERTIFICATION\",\"auditedOn\":\"2024-03-01\",\"auditor\":\"R. Inspector\",\"scores\":{\"SRV-01\":8,\"SRV-01\":2}}"
expect_problem "audit before the organisation's registration" POST "$AUDIT_URL/api/v1/organisations/$ORG/audits" \
    "{\"standardVersion\":\"ICSS:2020-2025\",\"auditType\":\"CERTIFICATION\",\"auditedOn\":\"2019-12-01\",\"auditor\":\"R. Inspector\",\"scores\":$(scores 8)}"
expect_problem "failed health check, NUL in the reason" POST "$AUDIT_URL/api/v1/organisations/$ORG/health-checks" \
    '{"checkedOn":"2024-06-01","result":"FAILED","reason":"Missed\u0000"}'
expect_problem "CCSM credential valid until +9999999" POST "$CERTIFICATION_URL/api/v1/professionals" \
    '{"credentialId":"CCSM-0042","certifiedOn":"2023-01-01","validUntil":"+9999999-01-01","name":"A. Person","email":"a@example.org"}'

echo "== public reads"
for query in "size=101" "page=-1" "size=0" "q=Bank%00" "country=A%00" "memberBody=%00" \
        "asOf=-999999999-01-01" "asOf=%2B999999999-12-31"; do
    expect_problem "GET /registry/organisations?$query" GET "$REGISTRY_URL/api/v1/registry/organisations?$query"
done
expect_problem "standing knownAt in year 1000000000" GET \
    "$REGISTRY_URL/api/v1/registry/organisations/$ORG?knownAt=%2B1000000000-01-01T00:00:00Z"
read -r STATUS < <(curl -s -o /dev/null -w '%{http_code}\n' -I "$REGISTRY_URL/api/v1/registry/organisations?q=probe")
if [ "$STATUS" = 200 ]; then echo "ok    HEAD on a public search                                    200"; else
    echo "FAIL  HEAD on a public search: $STATUS"; FAILED=1; fi

echo "== a good audit right after"
expect_status "Gold audit of the probe organisation" 201 POST "$AUDIT_URL/api/v1/organisations/$ORG/audits" \
    "{\"standardVersion\":\"ICSS:2020-2025\",\"auditType\":\"CERTIFICATION\",\"auditedOn\":\"2024-03-01\",\"auditor\":\"R. Inspector\",\"scores\":$(scores 8)}"
START=$(date +%s%N)
for _ in $(seq 1 300); do
    TIER=$(curl -s "$REGISTRY_URL/api/v1/registry/organisations/$ORG" | sed -n 's/.*"tier":"\([A-Z]*\)".*/\1/p')
    [ "$TIER" = GOLD ] && break
    sleep 0.1
done
MILLIS=$(( ($(date +%s%N) - START) / 1000000 ))
if [ "$TIER" = GOLD ]; then echo "ok    registry shows $ORG as GOLD after $MILLIS ms"; else
    echo "FAIL  registry shows $ORG as '${TIER:-nothing}' after $MILLIS ms"; FAILED=1; fi
exit $FAILED
