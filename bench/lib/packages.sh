# Sourced by the bench scripts: install the Debian tools a benchmark needs when they are missing.
# apt never starts services here (policy-rc.d), and the scripts start nothing from Postfix itself:
# only its posttls-finger client is used.

apt_install() {
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" >/dev/null
}

ensure_posttls_finger() {
  command -v posttls-finger >/dev/null && return 0
  echo "bench: installing postfix (for posttls-finger)"
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  # Preseed so the install asks nothing (environment notes: postfix gotchas).
  printf '%s\n' \
    "postfix postfix/main_mailer_type select Internet Site" \
    "postfix postfix/mailname string bench.invalid" | $sudo debconf-set-selections
  apt_install postfix
}

ensure_wrk() {
  command -v wrk >/dev/null && return 0
  echo "bench: installing wrk"
  apt_install wrk
}
