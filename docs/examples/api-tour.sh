#!/usr/bin/env bash
# A tour of every endpoint of the ICSS Ledger API through one base URL, as a member body, the secretariat, compliance
# staff, an administrator and the public would call them: each call with its expected status, one line each; a
# status other than expected stops the tour (exit 1) with the answer. Run it against a running system:
#
#   docs/examples/api-tour.sh                      # ICSS_URL, default http://localhost:8080 (the one base URL)
#
# Environment: ICSS_URL (the base URL); AUDIT_URL, CERTIFICATION_URL, AWARDS_URL, REGISTRY_URL (each defaults to
# ICSS_URL: set them only where no gateway routes by path, e.g. deploy/run-local.sh's separate ports 8081, 8082,
# 8083 and 8080); ICSS_KEY_CSIAU, ICSS_KEY_HICS, ICSS_KEY_SECRETARIAT, ICSS_KEY_COMPLIANCE, ICSS_KEY_ADMIN (defaults:
# the local profile's development keys). Needs bash, curl and GNU date. Writes a little: one organisation with its
# reports, one imported, a professional, an award, an API key (revoked at the end), a replay of the registry, and in
# the local profile a webhook subscription (deleted at the end).
set -euo pipefail

ICSS_URL=${ICSS_URL:-http://localhost:8080}
AUDIT=${AUDIT_URL:-$ICSS_URL}
CERTIFICATION=${CERTIFICATION_URL:-$ICSS_URL}
AWARDS=${AWARDS_URL:-$ICSS_URL}
REGISTRY=${REGISTRY_URL:-$ICSS_URL}
TODAY=$(date -u +%F)
RUN=$(date -u +%s%N | tail -c 9)
BODY=$(mktemp)
HEADERS=$(mktemp)
trap 'rm -f "$BODY" "$HEADERS"' EXIT
CALLS=0

key() { local var="ICSS_KEY_$1"; printf '%s' "${!var:-dev-${1,,}-key}"; }

# call METHOD URL EXPECTED KEYNAME|- [BODY [CONTENT-TYPE [ACCEPT]]]: the answer's body in $BODY, headers in $HEADERS.
# EXPECTED is a status or several separated by |.
call() {
    local method=$1 url=$2 expected=$3 who=$4 body=${5:-} type=${6:-application/json} accept=${7:-} status
    local -a args=(-s -o "$BODY" -D "$HEADERS" -w '%{http_code}' -X "$method" "$url")
    [[ $who == - ]] || args+=(-H "X-API-Key: $(key "$who")")
    [[ -z $body ]] || args+=(-H "Content-Type: $type" --data-binary "$body")
    [[ -z $accept ]] || args+=(-H "Accept: $accept")
    status=$(curl "${args[@]}")
    CALLS=$((CALLS + 1))
    printf '%-6s %-3s %s\n' "$method" "$status" "${url#"$ICSS_URL"}"
    if [[ "|$expected|" != *"|$status|"* ]]; then
        echo "expected $expected; the answer:" >&2
        head -c 2000 "$BODY" >&2; echo >&2
        exit 1
    fi
}

field() { sed -n "s/.*\"$1\":\"\\([^\"]*\\)\".*/\\1/p" "$BODY" | head -1; }
position() { tr -d '\r' < "$HEADERS" | sed -n 's/^[Ii][Cc][Ss][Ss]-[Pp]osition: *//p'; }

# waits until the registry shows the last write (its ICSS-Position), asking with a wait
shown() {
    local at tries=0
    at=$(position)
    [[ -n $at ]] || { echo "the write answered no ICSS-Position" >&2; exit 1; }
    until call GET "$REGISTRY/api/v1/registry/freshness?position=$at&wait=PT10S" 200 - && grep -q '"caughtUp":true' "$BODY"; do
        tries=$((tries + 1)); ((tries < 6)) || { echo "the registry did not show $at" >&2; exit 1; }
    done
}

# a write naming an organisation another service learns of over Kafka a moment later: 422 until then
call_known() {
    local tries=0
    until call "$@" 2>/dev/null; do
        tries=$((tries + 1)); ((tries < 60)) || { call "$@"; return; }
        sleep 1
    done
}

scores() {  # scores LOWEST: every attribute of ICSS:2020-2025, the first one LOWEST, the others 8
    local codes="SRV-01 SRV-02 SRV-03 SRV-04 SRV-05 SRV-06 SRV-07 FIN-01 FIN-02 FIN-03 FIN-04 FIN-05 OPS-01 OPS-02 OPS-03 OPS-04 OPS-05 OPS-06 OPS-07 LRN-01 LRN-02 LRN-03 LRN-04 LRN-05 LRN-06"
    local json="" code first=1
    for code in $codes; do
        if ((first)); then json="\"$code\":$1"; first=0; else json+=",\"$code\":8"; fi
    done
    printf '{%s}' "$json"
}

echo "== the API's descriptions"
call GET "$REGISTRY/api.html" 200 -
for service in registry audit certification awards; do
    url=$REGISTRY; [[ $service == audit ]] && url=$AUDIT
    [[ $service == certification ]] && url=$CERTIFICATION; [[ $service == awards ]] && url=$AWARDS
    call GET "$url/api-docs/$service" 200 -
done

echo "== the standards catalogue (public)"
call GET "$AUDIT/api/v1/standards" 200 -
call GET "$AUDIT/api/v1/standards/ICSS:2020-2025" 200 -

echo "== a member body registers an organisation and reports on it"
call POST "$AUDIT/api/v1/organisations" 201 CSIAU \
    "{\"name\":\"Tour Bank $RUN\",\"country\":\"AU\",\"memberBody\":\"CSIAU\",\"registeredOn\":\"2024-01-15\"}"
ORG=$(field organisationId)
call POST "$AUDIT/api/v1/organisations" 409 CSIAU \
    "{\"name\":\"Tour Bank $RUN\",\"country\":\"AU\",\"memberBody\":\"CSIAU\",\"registeredOn\":\"2024-01-15\"}"
call GET "$AUDIT/api/v1/organisations/$ORG" 200 CSIAU
call GET "$AUDIT/api/v1/organisations/$ORG" 403 HICS
call POST "$AUDIT/api/v1/organisations/$ORG/audits" 201 CSIAU \
    "{\"auditId\":\"tour-$RUN-1\",\"standardVersion\":\"ICSS:2020-2025\",\"auditType\":\"CERTIFICATION\",\"auditedOn\":\"2024-03-01\",\"auditor\":\"R. Inspector\",\"scores\":$(scores 5)}"
call POST "$AUDIT/api/v1/organisations/$ORG/audits/tour-$RUN-1/corrections" 201 CSIAU \
    "{\"scores\":$(scores 4),\"reason\":\"a score mistyped\"}"
call POST "$AUDIT/api/v1/organisations/$ORG/audits/tour-$RUN-1/withdrawal" 201 CSIAU "{\"reason\":\"audited twice\"}"
call POST "$AUDIT/api/v1/organisations/$ORG/audits" 201 CSIAU \
    "{\"auditId\":\"tour-$RUN-2\",\"standardVersion\":\"ICSS:2020-2025\",\"auditType\":\"CERTIFICATION\",\"auditedOn\":\"2024-06-03\",\"auditor\":\"R. Inspector\",\"scores\":$(scores 7)}"
shown
call POST "$AUDIT/api/v1/organisations/$ORG/health-checks" 201 CSIAU \
    "{\"healthCheckId\":\"tour-$RUN-hc\",\"checkedOn\":\"2025-05-20\",\"result\":\"PASSED\"}"
call POST "$AUDIT/api/v1/organisations/$ORG/health-checks/tour-$RUN-hc/corrections" 201 CSIAU \
    "{\"result\":\"PASSED\",\"reason\":\"checked again\"}"
call POST "$AUDIT/api/v1/organisations/$ORG/health-checks/tour-$RUN-hc/withdrawal" 201 CSIAU \
    "{\"reason\":\"posted for the wrong organisation\"}"
call POST "$AUDIT/api/v1/organisations/$ORG/health-checks" 201 CSIAU "{\"checkedOn\":\"2025-05-21\",\"result\":\"PASSED\"}"
call GET "$AUDIT/api/v1/organisations/$ORG/audits?page=0&size=20" 200 CSIAU
call GET "$AUDIT/api/v1/organisations/$ORG/health-checks" 200 COMPLIANCE
call GET "$AUDIT/api/v1/organisations/$ORG/corrections" 200 CSIAU

echo "== a bulk import"
call POST "$AUDIT/api/v1/imports" 200 CSIAU \
    "{\"kind\":\"organisation\",\"ref\":\"r1\",\"body\":{\"name\":\"Tour Imports $RUN\",\"country\":\"NZ\",\"registeredOn\":\"2024-02-01\"}}" \
    application/x-ndjson
IMPORT=$(field importId)
call GET "$AUDIT/api/v1/imports/$IMPORT" 200 CSIAU

echo "== a CCSM professional"
call POST "$CERTIFICATION/api/v1/professionals" 201 CSIAU \
    "{\"credentialId\":\"CCSM-$RUN\",\"certifiedOn\":\"2024-01-10\",\"validUntil\":\"2027-01-10\",\"name\":\"Tour Person\",\"email\":\"tour@example.org\"}"
PRO=$(field professionalId)
call GET "$CERTIFICATION/api/v1/professionals/$PRO" 200 CSIAU
call POST "$CERTIFICATION/api/v1/professionals/$PRO/credentials" 201 CSIAU \
    "{\"credentialId\":\"CCSM-${RUN}2\",\"certifiedOn\":\"2025-01-10\",\"validUntil\":\"2028-01-10\"}"
call_known POST "$CERTIFICATION/api/v1/professionals/$PRO/employments" 201 CSIAU \
    "{\"organisationId\":\"$ORG\",\"startedOn\":\"2024-02-01\"}"
EMPLOYMENT=$(field employmentId)
call POST "$CERTIFICATION/api/v1/professionals/$PRO/employments/$EMPLOYMENT/end" 204 CSIAU "{\"endedOn\":\"2025-02-01\"}"
call DELETE "$CERTIFICATION/api/v1/professionals/$PRO/personal-data" 204 CSIAU
call POST "$CERTIFICATION/api/v1/operations/advance" 200 COMPLIANCE

echo "== an ISEA award"
call_known POST "$AWARDS/api/v1/awards" 201 SECRETARIAT \
    "{\"organisationId\":\"$ORG\",\"seasonYear\":2025,\"category\":\"Tour Team of the Year\",\"wonOn\":\"2025-11-08\"}"
shown

echo "== the public registry"
call GET "$REGISTRY/api/v1/registry/organisations?q=tour%20bank&page=0&size=20" 200 -
call GET "$REGISTRY/api/v1/registry/overview" 200 -
# the certificate certification-service announced for the 2024-06-03 audit: its own event, a moment after the audit
tries=0
until call GET "$REGISTRY/api/v1/registry/organisations/$ORG" 200 - && [[ -n $(field certificateNumber) ]]; do
    tries=$((tries + 1)); ((tries < 60)) || { echo "no certificate for $ORG" >&2; exit 1; }
    sleep 1
done
CERTIFICATE=$(field certificateNumber)
call GET "$REGISTRY/api/v1/registry/organisations/$ORG?asOf=2024-12-31" 200 -
call GET "$REGISTRY/api/v1/registry/organisations/$ORG/timeline" 200 -
call GET "$REGISTRY/api/v1/registry/organisations/$ORG/mark.svg" 200 -
call GET "$REGISTRY/api/v1/registry/organisations/$ORG/history/proof" "200|404" -   # 404 until a daily checkpoint holds it
call GET "$REGISTRY/api/v1/registry/organisations/$ORG/platinum-credential" 404 -
call GET "$REGISTRY/api/v1/registry/platinum?page=0&size=100" 200 -
call GET "$REGISTRY/api/v1/registry/certificates/$CERTIFICATE" 200 -
call GET "$REGISTRY/api/v1/registry/certificates/$CERTIFICATE/credential" 200 -
call GET "$REGISTRY/api/v1/registry/status-lists/revocation" 200 -
call GET "$REGISTRY/api/v1/registry/status-lists/suspension" 200 -
call GET "$REGISTRY/api/v1/registry/freshness?position=audit:nobody:00000000-0000-0000-0000-000000000000" 200 -
call GET "$REGISTRY/api/v1/registry/freshness?position=nonsense" 400 -
call GET "$REGISTRY/.well-known/jwks.json" 200 -

echo "== performance reports (the certifying member body)"
call_known GET "$REGISTRY/api/v1/reports/organisations/$ORG" 200 CSIAU   # the reports' projection, a moment after
call GET "$REGISTRY/api/v1/reports/organisations/$ORG" 200 CSIAU "" application/json text/html
call GET "$REGISTRY/api/v1/reports/organisations/$ORG/report.html" 200 CSIAU
call GET "$REGISTRY/api/v1/reports/organisations/$ORG/report.pdf" 200 CSIAU
call GET "$REGISTRY/api/v1/reports/organisations/$ORG" 403 HICS

echo "== compliance"
call GET "$REGISTRY/api/v1/compliance/organisations/$ORG/history" 200 COMPLIANCE
call GET "$REGISTRY/api/v1/compliance/organisations/$ORG/history" 403 CSIAU
call POST "$REGISTRY/api/v1/compliance/replays" 202 COMPLIANCE
REPLAY=$(field replayId)
call GET "$REGISTRY/api/v1/compliance/replays/$REPLAY" 200 COMPLIANCE
# each service's dead letters under its own name, so that one base URL reaches all four
for service in audit certification awards registry; do
    case $service in audit) url=$AUDIT ;; certification) url=$CERTIFICATION ;; awards) url=$AWARDS ;; *) url=$REGISTRY ;; esac
    dead="$url/api/v1/compliance/dead-letters/$service"
    call GET "$dead" 200 COMPLIANCE
    call GET "$dead/skips" 200 COMPLIANCE
    call POST "$dead/no-such-group/retry" 404 COMPLIANCE
    call POST "$dead/no-such-group/sequences/x/retry" "404|400" COMPLIANCE
    call POST "$dead/no-such-group/letters/00000000-0000-0000-0000-000000000000/skip" \
        "404|400" COMPLIANCE "{\"reason\":\"the tour\"}"
done

echo "== webhook subscriptions (a member body)"
# outside the local profile a loopback target is refused (422, SSRF); in it the subscription is made (201), waits for
# a verification nobody answers, and is deleted again
call POST "$REGISTRY/api/v1/subscriptions" "201|422" CSIAU \
    "{\"targetUrl\":\"http://127.0.0.1:9/tour-$RUN\",\"eventTypes\":[\"org.icss.standing.changed\"],\"organisations\":[\"$ORG\"]}"
SUBSCRIPTION=$(field id)
call GET "$REGISTRY/api/v1/subscriptions" 200 CSIAU
call POST "$REGISTRY/api/v1/subscriptions" 422 CSIAU \
    "{\"targetUrl\":\"https://hooks.example.org/icss\",\"eventTypes\":[\"org.icss.no-such-type\"],\"organisations\":[\"$ORG\"]}"
call GET "$REGISTRY/api/v1/subscriptions" 401 -
if [[ -n $SUBSCRIPTION ]]; then
    call GET "$REGISTRY/api/v1/subscriptions/$SUBSCRIPTION" 200 CSIAU
    call GET "$REGISTRY/api/v1/subscriptions/$SUBSCRIPTION" 404 HICS
    call POST "$REGISTRY/api/v1/subscriptions/$SUBSCRIPTION/secret" 200 CSIAU
    call POST "$REGISTRY/api/v1/subscriptions/$SUBSCRIPTION/redeliver?from=2020-01-01" 202 CSIAU
    call GET "$REGISTRY/api/v1/subscriptions/$SUBSCRIPTION/deliveries" 200 CSIAU
    call DELETE "$REGISTRY/api/v1/subscriptions/$SUBSCRIPTION" 204 CSIAU
fi
NONE=00000000-0000-0000-0000-000000000000
call GET "$REGISTRY/api/v1/subscriptions/$NONE" 404 CSIAU
call POST "$REGISTRY/api/v1/subscriptions/$NONE/secret" 404 CSIAU
call POST "$REGISTRY/api/v1/subscriptions/$NONE/redeliver?from=2020-01-01" 404 CSIAU
call GET "$REGISTRY/api/v1/subscriptions/$NONE/deliveries" 404 CSIAU
call DELETE "$REGISTRY/api/v1/subscriptions/$NONE" 404 CSIAU

echo "== API keys (an administrator)"
call POST "$AUDIT/api/v1/admin/keys" 201 ADMIN "{\"role\":\"MEMBER_BODY\",\"memberBody\":\"CSIAU\",\"label\":\"tour $RUN\"}"
KEY_ID=$(field keyId)
call GET "$AUDIT/api/v1/admin/keys" 200 ADMIN
call GET "$AUDIT/api/v1/admin/keys/$KEY_ID" 200 ADMIN
call POST "$AUDIT/api/v1/admin/keys/$KEY_ID/rotation" 201 ADMIN
KEY_ID=$(field keyId)
call DELETE "$AUDIT/api/v1/admin/keys/$KEY_ID" 204 ADMIN
call GET "$AUDIT/api/v1/admin/keys" 403 CSIAU
# keys are administered at audit-service only; the other services learn them from the icss.keys topic
[[ $CERTIFICATION == "$AUDIT" ]] || call GET "$CERTIFICATION/api/v1/admin/keys" 404 ADMIN

echo "The tour made $CALLS calls, each answered as expected."
