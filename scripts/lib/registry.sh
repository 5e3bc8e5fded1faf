# Starts a CNCF distribution registry (Debian's docker-registry) on 127.0.0.1 at a free port, with its
# config and storage in a temp directory. Sets HULL_TEST_REGISTRY=127.0.0.1:PORT; stop_registry ends it.
start_registry() {
  REGISTRY_DIR=$(mktemp -d /tmp/hull-registry.XXXXXX)
  local port
  for _ in $(seq 1 50); do
    port=$((20000 + RANDOM % 20000))
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || break
  done
  cat > "$REGISTRY_DIR/config.yml" <<YML
version: 0.1
log:
  level: error
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: $REGISTRY_DIR/data
  delete:
    enabled: true
http:
  addr: 127.0.0.1:$port
YML
  docker-registry serve "$REGISTRY_DIR/config.yml" > "$REGISTRY_DIR/log" 2>&1 &
  REGISTRY_PID=$!
  for _ in $(seq 1 100); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      export HULL_TEST_REGISTRY="127.0.0.1:$port"
      echo "registry at $HULL_TEST_REGISTRY" >&2
      return 0
    fi
    sleep 0.1
  done
  echo "registry did not start:" >&2; cat "$REGISTRY_DIR/log" >&2
  return 1
}

stop_registry() {
  [ -n "${REGISTRY_PID:-}" ] && kill "$REGISTRY_PID" 2>/dev/null && wait "$REGISTRY_PID" 2>/dev/null
  [ -n "${REGISTRY_DIR:-}" ] && rm -rf "$REGISTRY_DIR"
  return 0
}
