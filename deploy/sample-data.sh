#!/usr/bin/env bash
# Posts a realistic 2015-2026 history to a running local ICSS Ledger (deploy/run-local.sh) through its REST APIs:
# dozens of organisations in several countries and member bodies, Gold runs with health checks and
# re-certifications, lapses, suspensions, Certified organisations, CCSM professionals and their employment, and
# ISEA wins, so that some organisations reach Platinum. Then it runs the daily advance. Optional; run it once on an
# empty system (running it again registers the organisations again).
# Each member body's organisations, audits and health checks go to audit-service as one bulk import
# (POST /api/v1/imports, NDJSON, see the README); professionals, employments and awards are posted one by one.
#
#   deploy/sample-data.sh                 # against localhost:8081/8082/8083, registry on 8080
#   ICSS_BASE_URL=http://localhost:8000 deploy/sample-data.sh   # through one base URL (the compose file's gateway)
#
# Environment: ICSS_BASE_URL (one URL for all four services, README "One base URL"), or per service AUDIT_URL,
# CERTIFICATION_URL, AWARDS_URL, REGISTRY_URL (defaults http://localhost:8081 ... 8080);
# ICSS_KEY_<MEMBERBODY> (e.g. ICSS_KEY_CSIAU), ICSS_KEY_SECRETARIAT and ICSS_KEY_COMPLIANCE, sent as X-API-Key
# (defaults: the local profile's development keys, dev-csiau-key ...): a member body's key for its organisations,
# audits, health checks and CCSM professionals, the secretariat's for awards, compliance's for the advance.
# Needs bash, curl and GNU date.
set -euo pipefail

AUDIT_URL=${AUDIT_URL:-${ICSS_BASE_URL:-http://localhost:8081}}
CERTIFICATION_URL=${CERTIFICATION_URL:-${ICSS_BASE_URL:-http://localhost:8082}}
AWARDS_URL=${AWARDS_URL:-${ICSS_BASE_URL:-http://localhost:8083}}
REGISTRY_URL=${REGISTRY_URL:-${ICSS_BASE_URL:-http://localhost:8080}}
TODAY=$(date -u +%F)
YESTERDAY=$(date -u -d "$TODAY -1 day" +%F)
CODES_2015="SRV-01 SRV-02 SRV-03 SRV-04 SRV-05 SRV-06 SRV-07 FIN-01 FIN-02 FIN-03 FIN-04 FIN-05 FIN-06 OPS-01 OPS-02 OPS-03 OPS-04 OPS-05 OPS-06 LRN-01 LRN-02 LRN-03 LRN-04 LRN-05 LRN-06"
CODES_2020="SRV-01 SRV-02 SRV-03 SRV-04 SRV-05 SRV-06 SRV-07 FIN-01 FIN-02 FIN-03 FIN-04 FIN-05 OPS-01 OPS-02 OPS-03 OPS-04 OPS-05 OPS-06 OPS-07 LRN-01 LRN-02 LRN-03 LRN-04 LRN-05 LRN-06"
RANDOM=2015   # the same history every run
POSTED=0
POSITIONS=$(mktemp)   # the position of every write, one a line
HEADERS=$(mktemp)     # the response headers of the last post
trap 'rm -f "$POSITIONS" "$HEADERS"' EXIT

plus() { date -u -d "$1 $2" +%F; }                        # plus 2018-03-01 "+1 year -10 days"
past() { [[ "$1" < "$TODAY" ]]; }                          # business dates must not be in the future
key_header() { local var="ICSS_KEY_$1"; echo "X-API-Key: ${!var:-dev-${1,,}-key}"; }  # local profile's keys by default

post() {  # post URL KEYNAME JSON -> prints the response body; fails loudly on an error status
    local url=$1 key=$2 body=$3 response status position
    response=$(curl -s -w '\n%{http_code}' -D "$HEADERS" -X POST "$url" -H 'Content-Type: application/json' \
        -H "$(key_header "$key")" -d "$body")
    status=${response##*$'\n'}
    response=${response%$'\n'*}
    if [[ "$status" != 2* ]]; then
        echo "POST $url answered $status: $response" >&2
        echo "  body: $body" >&2
        return 1
    fi
    POSTED=$((POSTED + 1))
    # the position of what was recorded (also for a 204 without a body), kept in a file: post runs in subshells too
    position=$(tr -d '\r' < "$HEADERS" | sed -n 's/^[Ii][Cc][Ss][Ss]-[Pp]osition: *//p')
    [ -z "$position" ] || echo "$position" >> "$POSITIONS"
    echo "$response"
}

field() { sed -n "s/.*\"$1\":\"\\([^\"]*\\)\".*/\\1/p"; }

# scored DATE LOWEST -> SCORES (JSON object of every attribute of the version in force, the first one LOWEST) and
# EXPECTED (management's self-assessment before the audit, given from 2021 on; empty before). Scores rise slowly with
# the years, so that the performance reports show a trend; management tends to expect a little more than it gets.
scored() {
    local codes=$CODES_2020 lowest=$2 json="" expected="" code first=1 lift
    [[ "$1" < "2020-01-01" ]] && codes=$CODES_2015
    lift=$(( (${1:0:4} - 2015) / 4 ))
    for code in $codes; do
        local score=$((6 + lift + RANDOM % 3)) expect
        ((score > 10)) && score=10
        if [ $first = 1 ]; then score=$lowest; first=0; fi
        json+="${json:+,}\"$code\":$score"
        expect=$((score + RANDOM % 4 - 1))
        ((expect > 10)) && expect=10
        expected+="${expected:+,}\"$code\":$expect"
    done
    SCORES="{$json}"
    EXPECTED=""
    [[ "$1" < "2021-01-01" ]] || EXPECTED=",\"expectedScores\":{$expected}"
}

# The reports of each member body, one NDJSON line each (kind, the organisation's reference, the single endpoint's
# body), posted as one import per member body once all are written; the organisations get their ids then.
declare -A IMPORT REFS
REPORTS=0
report() {  # report BODY LINE
    IMPORT[$1]+="$2"$'\n'
    REPORTS=$((REPORTS + 1))
}

audit() {  # audit REF BODY DATE TYPE LOWEST
    past "$3" || return 0
    local version="ICSS:2020-2025"
    [[ "$3" < "2020-01-01" ]] && version="ICSS:2015-2020"
    scored "$3" "$5"
    report "$2" "{\"kind\":\"audit\",\"ref\":\"$1\",\"body\":{\"standardVersion\":\"$version\",\"auditType\":\"$4\",\
\"auditedOn\":\"$3\",\"auditor\":\"$2 assessor $((RANDOM % 9 + 1))\",\"scores\":$SCORES$EXPECTED}}"
}

check() {  # check REF BODY DATE PASSED|FAILED
    past "$3" || return 0
    local reason=""
    [ "$4" = FAILED ] && reason=",\"reason\":\"complaints log not kept\""
    report "$2" "{\"kind\":\"health-check\",\"ref\":\"$1\",\"body\":{\"checkedOn\":\"$3\",\"result\":\"$4\"$reason}}"
}

register() {  # register REF NAME COUNTRY BODY DATE
    report "$4" "{\"kind\":\"organisation\",\"ref\":\"$1\",\"body\":{\"name\":\"$2\",\"country\":\"$3\",\
\"memberBody\":\"$4\",\"registeredOn\":\"$5\"}}"
}

import_reports() {  # import_reports BODY: posts the member body's import, fails loudly on any refused line
    local body=$1 file answer refused
    file=$(mktemp)
    printf '%s' "${IMPORT[$body]}" > "$file"
    answer=$(curl -s -X POST "$AUDIT_URL/api/v1/imports" -H 'Content-Type: application/x-ndjson' \
        -H "$(key_header "$body")" --data-binary "@$file")
    rm -f "$file"
    refused=$(grep '"status":' <<<"$answer" | grep -v '"status":201' || true)
    if [ -n "$refused" ] || ! grep -q '"state":"COMPLETED"' <<<"$answer"; then
        echo "The import of $body's reports was not complete:" >&2
        echo "${refused:-$answer}" | head -20 >&2
        return 1
    fi
    POSTED=$((POSTED + 1))
    while IFS=' ' read -r ref id; do
        REFS[$ref]=$id
    done < <(sed -n 's/.*"kind":"organisation","ref":"\([^"]*\)","status":201,"result":{"organisationId":"\([^"]*\)".*/\1 \2/p' \
        <<<"$answer")
    # the import's last recorded report: the registry shows the whole import once it shows that one's organisation
    # (one organisation's events stay in order; every organisation's last report is waited for below)
    sed -n 's/.*"position":"\([^"]*\)".*/\1/p' <<<"$answer" >> "$POSITIONS"
}

# wait_registry waits until the registry shows the last write about each organisation or professional (the
# positions <service>:<key>:<eventId> every write answers with; one key's events are applied in order, so its last
# write shown means all of them are), asking GET /api/v1/registry/freshness?wait=..., answered as soon as it does.
wait_registry() {
    local position tries answer
    for position in $(awk -F: '{last[$1 ":" $2] = $0} END {for (k in last) print last[k]}' "$POSITIONS"); do
        tries=0
        until answer=$(curl -s "$REGISTRY_URL/api/v1/registry/freshness?position=$position&wait=PT10S") \
                && grep -q '"caughtUp":true' <<<"$answer"; do
            tries=$((tries + 1))
            if ((tries >= 30)); then
                echo "The registry has not shown $position after $tries waits: $answer" >&2
                return 1
            fi
        done
    done
}

# What is posted after the imports, to the other services, naming organisations by their new ids.
LATER=()

# A Gold run from FIRST: health checks before each anniversary, each with an annual audit for benchmarking (which
# changes no certificate, and now and then finds an attribute at 5), re-certification a few weeks before each
# expiry, until today (or until UNTIL, after which the certificate is left to expire).
gold_run() {  # gold_run ORG BODY FIRST [UNTIL]
    local org=$1 body=$2 awarded=$3 until=${4:-$TODAY} type=CERTIFICATION
    while past "$awarded" && [[ "$awarded" < "$until" ]]; do
        audit "$org" "$body" "$awarded" "$type" 6
        if [[ -z ${4:-} ]]; then
            audit "$org" "$body" "$(plus "$awarded" "+1 year -14 days")" ANNUAL $((5 + RANDOM % 3))
            audit "$org" "$body" "$(plus "$awarded" "+2 years -11 days")" ANNUAL $((5 + RANDOM % 3))
        fi
        check "$org" "$body" "$(plus "$awarded" "+1 year -12 days")" PASSED
        check "$org" "$body" "$(plus "$awarded" "+2 years -9 days")" PASSED
        awarded=$(plus "$awarded" "+3 years -25 days")
        type=RECERTIFICATION
    done
}

ccsm_seq=100
ccsm() {  # ccsm REF EMPLOYED_FROM [ENDED_ON]: after the imports (see employ)
    past "$2" || return 0
    LATER+=("employ $body $1 $2 ${3:-}")
}

employ() {  # employ BODY REF EMPLOYED_FROM [ENDED_ON]: a professional, a credential renewed every 3 years, an
    # employment, posted with the key of BODY, the member body of the organisation
    local body=$1 org=${REFS[$2]} from=$3 ended=${4:-} certified valid id employment renewal=0
    ccsm_seq=$((ccsm_seq + 1))
    certified=$(plus "$from" "-4 months")
    valid=$(plus "$certified" "+3 years")
    id=$(post "$CERTIFICATION_URL/api/v1/professionals" "$body" "{\"credentialId\":\"CCSM-0$ccsm_seq\",\
\"certifiedOn\":\"$certified\",\"validUntil\":\"$valid\",\"name\":\"Manager $ccsm_seq\",\
\"email\":\"manager$ccsm_seq@example.org\"}" | field professionalId)
    while past "$valid"; do
        certified=$valid
        valid=$(plus "$certified" "+3 years")
        renewal=$((renewal + 1))
        post "$CERTIFICATION_URL/api/v1/professionals/$id/credentials" "$body" "{\"credentialId\":\
\"CCSM-$renewal$ccsm_seq\",\"certifiedOn\":\"$certified\",\"validUntil\":\"$valid\"}" > /dev/null
    done
    employment=$(post_known "$CERTIFICATION_URL/api/v1/professionals/$id/employments" "$body" \
        "{\"organisationId\":\"$org\",\"startedOn\":\"$from\"}" | field employmentId)
    if [ -n "$ended" ] && past "$ended"; then
        post "$CERTIFICATION_URL/api/v1/professionals/$id/employments/$employment/end" "$body" \
            "{\"endedOn\":\"$ended\"}" > /dev/null
    fi
}

CATEGORIES=("Customer Service Team of the Year" "Contact Centre of the Year" "Customer Service Leader of the Year"
            "Digital Service Excellence" "Complaints Resolution")
isea() {  # isea REF WON_ON: after the imports (see award)
    past "$2" || return 0
    LATER+=("award $1 $2")
}

award() {  # award REF WON_ON
    post_known "$AWARDS_URL/api/v1/awards" SECRETARIAT "{\"organisationId\":\"${REFS[$1]}\",\"seasonYear\":${2:0:4},\
\"category\":\"${CATEGORIES[$((RANDOM % 5))]}\",\"wonOn\":\"$2\"}" > /dev/null
}

# post_known URL KEYNAME JSON: as post, for a body naming an organisation another service learns of over Kafka a
# moment after its import (422 until then)
post_known() {
    local tries=0
    until post "$@" 2>/dev/null; do
        tries=$((tries + 1))
        if ((tries >= 60)); then post "$@"; return; fi
        sleep 1
    done
}

echo "Posting the sample history (2015 to $YESTERDAY) ..."
PLATINUM=0
HARBOURSIDE=""
n=0
# name|country|member body|profile|first award
while IFS='|' read -r name country body profile first; do
    [ -z "$name" ] && continue
    n=$((n + 1))
    org="org-$n"
    register "$org" "$name" "$country" "$body" "$(plus "$first" "-6 months")"
    case $profile in
        platinum)      # unbroken Gold, a CCSM on staff, ISEA wins every few years
            gold_run "$org" "$body" "$first"
            ccsm "$org" "$(plus "$first" "+5 months")"
            isea "$org" "$(plus "$first" "+2 years +8 months")"
            isea "$org" "$(plus "$first" "+6 years +8 months")"
            isea "$org" "$(plus "$first" "+9 years +8 months")"
            PLATINUM=$((PLATINUM + 1)) ;;
        platinum-late) # Gold, then a CCSM and an ISEA only recently
            gold_run "$org" "$body" "$first"
            ccsm "$org" "2024-02-01"
            isea "$org" "2025-11-08" ;;
        lost-ccsm)     # was Platinum until its CCSM left
            gold_run "$org" "$body" "$first"
            ccsm "$org" "$(plus "$first" "+3 months")" "2024-06-30"
            isea "$org" "$(plus "$first" "+1 year +8 months")"
            isea "$org" "2023-11-10" ;;
        gold)          # Gold without an ISEA win
            gold_run "$org" "$body" "$first"
            ccsm "$org" "$(plus "$first" "+1 year")" ;;
        expired)       # Gold once, never re-certified
            gold_run "$org" "$body" "$first" "$(plus "$first" "+1 day")" ;;
        withdrawn)     # Gold, a failed health check and no pass within 180 days
            audit "$org" "$body" "$first" CERTIFICATION 7
            check "$org" "$body" "$(plus "$first" "+11 months")" FAILED ;;
        reinstated)    # Gold, a failed check, a pass within 180 days: the run starts again
            gold_run "$org" "$body" "$first"
            check "$org" "$body" "$(plus "$first" "+1 year +4 months")" FAILED
            check "$org" "$body" "$(plus "$first" "+1 year +6 months")" PASSED
            ccsm "$org" "$(plus "$first" "+2 months")"
            isea "$org" "$(plus "$first" "+2 years")" ;;
        certified)     # plain Certified: every score 4 or 5 at least
            audit "$org" "$body" "$first" CERTIFICATION 4
            check "$org" "$body" "$(plus "$first" "+1 year -5 days")" PASSED
            audit "$org" "$body" "$(plus "$first" "+3 years -20 days")" RECERTIFICATION 5 ;;
        below)         # audited, never certified
            audit "$org" "$body" "$first" CERTIFICATION 3 ;;
    esac
    [[ $name == "Harbourside Credit Union" ]] && HARBOURSIDE=$org
    echo "  $name ($country, $body): $profile"
done <<'ORGANISATIONS'
Harbourside Credit Union|AU|CSIAU|platinum|2016-03-14
Southern Cross Insurance|AU|CSIAU|platinum|2018-05-02
Koala Energy|AU|CSIAU|gold|2019-08-19
Outback Telecom|AU|CSIAU|withdrawn|2021-02-10
Brisbane Water Services|AU|CSIAU|certified|2022-04-05
Tasman Freight|AU|CSIAU|expired|2015-10-01
Perth Health Fund|AU|CSIAU|reinstated|2017-06-12
Kowloon Telecom|HK|HKCSC|platinum|2015-11-23
Victoria Harbour Ferries|HK|HKCSC|lost-ccsm|2016-07-07
Pearl River Securities|HK|HKCSC|gold|2021-09-30
Lantau Property Management|HK|HKCSC|certified|2019-03-03
Tsim Sha Tsui Hotels|HK|HKCSC|platinum-late|2020-06-15
Sham Shui Po Credit Union|HK|HKCSC|below|2023-05-20
Prairie Insurance|US|CSIA|platinum|2017-01-16
Great Lakes Utilities|US|CSIA|gold|2018-10-22
Mesa Health Partners|US|CSIA|expired|2016-04-04
Hudson Valley Bank|US|CSIA|reinstated|2019-02-25
Cascade Airlines|US|CSIA|platinum-late|2021-03-08
Bayou Home Loans|US|CSIA|certified|2023-09-11
Rocky Mountain Wireless|US|CSIA|withdrawn|2018-07-30
Αθηναϊκά Λεωφορεία|GR|HICS|gold|2019-05-06
Aegean Ferries|GR|HICS|platinum|2016-09-05
Thessaloniki Water|GR|HICS|certified|2020-11-16
Crete Tourism Services|GR|HICS|expired|2017-03-27
Piraeus Shipping Agency|GR|HICS|lost-ccsm|2018-01-22
Olympia Électricité|GR|HICS|below|2024-02-12
Lion City Bank|SG|APCSC|platinum|2017-08-14
Marina Bay Telco|SG|APCSC|gold|2022-01-17
Orchard Retail Group|SG|APCSC|reinstated|2020-04-20
Kuala Lumpur Takaful|MY|APCSC|platinum-late|2020-10-05
Penang Logistics|MY|APCSC|certified|2021-06-21
Auckland Transport Services|NZ|APCSC|gold|2023-02-06
Wellington Energy Café|NZ|APCSC|withdrawn|2019-09-09
Osaka Mutual Life|JP|APCSC|expired|2018-12-03
Manila Water Côte|PH|APCSC|certified|2024-03-18
Jakarta Digital Bank|ID|APCSC|platinum|2019-04-29
ORGANISATIONS

echo "Importing $REPORTS reports, one import per member body ..."
for body in "${!IMPORT[@]}"; do
    import_reports "$body"
done
HARBOURSIDE=${REFS[$HARBOURSIDE]}
echo "Posting professionals, employments and awards ..."
for action in "${LATER[@]}"; do
    $action
done

echo "Running the daily advance ..."
curl -s -X POST "$CERTIFICATION_URL/api/v1/operations/advance" -H "$(key_header COMPLIANCE)"; echo
echo "Posted $POSTED requests ($REPORTS reports in ${#IMPORT[@]} imports); $PLATINUM organisations were built to reach Platinum."
echo "Waiting until the registry shows the last write about each organisation and professional ..."
wait_registry
echo "The registry shows them: $REGISTRY_URL/ (web page), $REGISTRY_URL/api/v1/registry/platinum"
echo "(the changes the daily advance announces reach it within seconds)"
echo "Performance reports (the certifying member body's key, or compliance's), e.g. Harbourside Credit Union's:"
echo "  $REGISTRY_URL/api/v1/reports/organisations/$HARBOURSIDE/report.html  (and report.pdf, or JSON without the suffix)"
