# Starts the test clusters (../shared/cluster: kube-apiserver and the real kapp-controller on 127.0.0.1) in the
# background, so they come up while the solution builds: one with the reference Carvel tools, one whose
# kapp-controller runs Hull as ytt, kbld and imgpkg (CARVEL_TOOLS: the hull the build writes to
# src/Hull.Cli/bin/Release/net10.0/hull; it need not exist yet, kapp-controller runs it only when it reconciles).
# wait_clusters exports HULL_TEST_KUBECONFIG and HULL_TEST_KUBECONFIG_HULL_TOOLS; stop_clusters ends them.
start_clusters() {
  local start=${HULL_CLUSTER_SCRIPTS:-$(cd .. && pwd)/shared/cluster}/start
  if [ ! -x "$start" ]; then
    echo "no test cluster: $start is missing (the cluster tests will fail)" >&2
    return 0
  fi
  CLUSTER_DIR=$(mktemp -d /tmp/hull-clusters.XXXXXX)
  local tools=$PWD/src/Hull.Cli/bin/Release/net10.0/hull
  "$start" "$CLUSTER_DIR/reference" > "$CLUSTER_DIR/reference.log" 2>&1 &
  CLUSTER_REFERENCE_PID=$!
  CARVEL_TOOLS=$tools "$start" "$CLUSTER_DIR/hull" > "$CLUSTER_DIR/hull.log" 2>&1 &
  CLUSTER_HULL_PID=$!
}

# Waits for both to be up and exports their kubeconfigs; a cluster that failed is reported, its variable left unset.
wait_clusters() {
  [ -n "${CLUSTER_DIR:-}" ] || return 0
  if wait "$CLUSTER_REFERENCE_PID"; then
    export HULL_TEST_KUBECONFIG=$CLUSTER_DIR/reference/kubeconfig
    echo "cluster (reference tools) at $HULL_TEST_KUBECONFIG" >&2
  else
    echo "the test cluster (reference tools) did not start:" >&2; cat "$CLUSTER_DIR/reference.log" >&2
  fi
  if wait "$CLUSTER_HULL_PID"; then
    export HULL_TEST_KUBECONFIG_HULL_TOOLS=$CLUSTER_DIR/hull/kubeconfig
    echo "cluster (CARVEL_TOOLS=hull) at $HULL_TEST_KUBECONFIG_HULL_TOOLS" >&2
  else
    echo "the test cluster (CARVEL_TOOLS=hull) did not start:" >&2; cat "$CLUSTER_DIR/hull.log" >&2
  fi
  return 0
}

stop_clusters() {
  [ -n "${CLUSTER_DIR:-}" ] || return 0
  local stop=${HULL_CLUSTER_SCRIPTS:-$(cd .. && pwd)/shared/cluster}/stop
  [ -n "${CLUSTER_REFERENCE_PID:-}" ] && wait "$CLUSTER_REFERENCE_PID" 2>/dev/null
  [ -n "${CLUSTER_HULL_PID:-}" ] && wait "$CLUSTER_HULL_PID" 2>/dev/null
  for d in "$CLUSTER_DIR"/reference "$CLUSTER_DIR"/hull; do
    [ -d "$d" ] && "$stop" "$d" >/dev/null 2>&1
  done
  rm -rf "$CLUSTER_DIR"
  return 0
}
