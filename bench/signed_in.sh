# Signed-in scenarios of bench/run.sh (sourced by it; uses its APP, OUT, DB, log, measure).
#
# Each role logs in through the HTML form, as a person does: GET /login for the CSRF token
# (and the session cookie that holds it), POST the form, then one GET that shows (and so
# consumes) the "Welcome" flash. The cookie that comes back is the one wrk sends. Every curl
# sends no User-Agent, as wrk does: Flask-Login's session protection hashes the agent, and a
# mismatch would rewrite the cookie on every measured request.
#
# Roles (docs/notes/demo-accounts.md): an OCMW, an SIE and a federation (moderator).
DEMO_PASSWORD=tandem-demo-2023
ROLES=(ocmw sie federation)
declare -A ROLE_EMAIL=(
  [ocmw]=ocmw-anderlecht@demo.tandem.brussels
  [sie]=casablanco@demo.tandem.brussels
  [federation]=febisp@demo.tandem.brussels
)
declare -A ROLE_COOKIE ROLE_TOKEN
UA=(-H "User-Agent:")

_session_cookie() {  # _session_cookie HEADERS_FILE: the value of the last "Set-Cookie: session=…"
  tr -d '\r' <"$1" | awk 'tolower($1) == "set-cookie:" && $2 ~ /^session=/ {sub(/^session=/, "", $2); sub(/;.*/, "", $2); v = $2} END {print v}'
}

login_cookie() {  # login_cookie EMAIL → prints "session=…" (empty on failure)
  local email=$1 dir csrf c1 c2 c3 status
  dir=$(mktemp -d "$OUT/login.XXXX")
  curl -s "${UA[@]}" --max-time 10 -D "$dir/h1" -o "$dir/login.html" "$APP/login" || return 0
  csrf=$(grep -o 'name="csrf_token"[^>]*value="[^"]*"' "$dir/login.html" | head -1 | sed 's/.*value="//; s/"$//')
  c1=$(_session_cookie "$dir/h1")
  [ -n "$csrf" ] && [ -n "$c1" ] || { log "login $email: no CSRF token or cookie on /login"; return 0; }
  status=$(curl -s "${UA[@]}" --max-time 10 -D "$dir/h2" -o /dev/null -w '%{http_code}' -H "Cookie: session=$c1" \
    --data-urlencode "email=$email" --data-urlencode "password=$DEMO_PASSWORD" --data-urlencode "csrf_token=$csrf" \
    "$APP/login")
  c2=$(_session_cookie "$dir/h2")
  [ "$status" = 302 ] && [ -n "$c2" ] || { log "login $email: HTTP $status"; return 0; }
  curl -s "${UA[@]}" --max-time 10 -D "$dir/h3" -o /dev/null -H "Cookie: session=$c2" "$APP/" || true
  c3=$(_session_cookie "$dir/h3")
  echo "session=${c3:-$c2}"
}

api_token() {  # api_token EMAIL → prints a bearer token (empty on failure)
  curl -s --max-time 10 -H "Content-Type: application/json" \
    -d "{\"email\": \"$1\", \"password\": \"$DEMO_PASSWORD\"}" "$APP/api/v1/tokens" |
    "$BIN/python" -c 'import json, sys; print(json.load(sys.stdin).get("token", ""))' 2>/dev/null || true
}

expected_status() {  # expected_status ROLE PATH: what that role is answered
  case "$1:$2" in
    federation:/referrals|federation:/candidates|federation:/api/v1/referrals|sie:/candidates) echo 403 ;;
    *) echo 200 ;;
  esac
}

signed_in_pages() {
  local role cookie token path name
  for role in "${ROLES[@]}"; do
    cookie=$(login_cookie "${ROLE_EMAIL[$role]}")
    token=$(api_token "${ROLE_EMAIL[$role]}")
    ROLE_COOKIE[$role]=$cookie ROLE_TOKEN[$role]=$token
    if [ -z "$cookie" ]; then
      printf '%s_pages\t(log-in)\tcould not log in as %s\n' "$role" "${ROLE_EMAIL[$role]}" >>"$OUT/skipped.tsv"
    else
      for path in /offers /referrals /candidates /events /profile; do
        [ "$(expected_status "$role" "$path")" = 200 ] || continue
        name="${role}_${path#/}"
        measure "$name" "$path" 200 "Cookie: $cookie"
      done
    fi
    if [ "$(expected_status "$role" /api/v1/referrals)" != 200 ]; then
      :  # a federation sends and receives no referrals: refused, nothing to measure
    elif [ -n "$token" ]; then
      measure "${role}_api_referrals" /api/v1/referrals 200 "Authorization: Bearer $token"
    else
      printf '%s_api_referrals\t/api/v1/referrals\tno token for %s\n' "$role" "${ROLE_EMAIL[$role]}" >>"$OUT/skipped.tsv"
    fi
  done
}

full_calendars() {  # full .ics downloads (no validator sent), and the personal feed's 304
  local event_id=$1 feed_path etag
  if [ -n "$event_id" ]; then
    measure ics_event "/events/$event_id.ics" 200
    measure ics_agenda "/events/$event_id.ics?detail=agenda" 200
  fi
  measure ics_public "/calendar/events.ics" 200
  # The OCMW user's personal feed, as its profile page shows it (an https link).
  feed_path=""
  if [ -n "${ROLE_COOKIE[ocmw]:-}" ]; then
    feed_path=$(curl -s "${UA[@]}" --max-time 10 -H "Cookie: ${ROLE_COOKIE[ocmw]}" "$APP/profile" |
      grep -o '/calendar/[0-9]*-[0-9a-f]*\.ics' | head -1)
  fi
  if [ -z "$feed_path" ]; then
    printf 'ics_personal\t/calendar/<token>.ics\tno feed link on the OCMW profile page\n' >>"$OUT/skipped.tsv"
    return 0
  fi
  measure ics_personal "$feed_path" 200
  etag=$(curl -s -D - -o /dev/null --max-time 10 "$APP$feed_path" | tr -d '\r' |
    awk 'tolower($1) == "etag:" {sub(/^[^:]*: */, ""); print}')
  if [ -n "$etag" ]; then
    measure personal_feed_304 "$feed_path" 304 "If-None-Match: $etag"
  else
    printf 'personal_feed_304\t%s\tno ETag on the personal feed\n' "$feed_path" >>"$OUT/skipped.tsv"
  fi
}

signed_in_scale_pages() {  # at 100,000 offers / 20,000 candidates: the signed-in lists that grow
  local cookie
  cookie=$(login_cookie "${ROLE_EMAIL[ocmw]}")
  if [ -n "$cookie" ]; then
    measure scale_ocmw_offers /offers 200 "Cookie: $cookie"
    measure scale_ocmw_candidates /candidates 200 "Cookie: $cookie"
  fi
  cookie=$(login_cookie "${ROLE_EMAIL[sie]}")
  [ -z "$cookie" ] || measure scale_sie_offers /offers 200 "Cookie: $cookie"
}
