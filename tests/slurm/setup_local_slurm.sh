#!/usr/bin/env bash
# A one-node SLURM cluster on localhost, for testing the SLURM profile.
#
#   tests/slurm/setup_local_slurm.sh check   # can this machine run it? (exit 0 yes, 3 no)
#   tests/slurm/setup_local_slurm.sh start   # install if missing, configure, start
#   tests/slurm/setup_local_slurm.sh stop    # stop the daemons this script started
#
# Debian's packages (slurm-wlm, munge); no systemd: the daemons are started by
# hand as root and stopped by their pid files. No accounting database (no
# slurmdbd), so `sacct` has nothing behind it and the profile polls with
# `squeue`; MinJobAge keeps finished jobs visible to squeue for 10 minutes.
# The configuration is /etc/slurm/slurm.conf (the plugin's job steps drop
# SLURM_CONF from their environment, so srun inside a job reads the default
# place); an existing slurm.conf that this script did not write is left alone
# and set-up stops. State, logs and pid files are under $CROSSCASE_SLURM_DIR
# (default /tmp/crosscase-slurm). Idempotent: `start` on a running cluster only
# checks that it answers; `stop` ends only the daemons that `start` started and
# removes the configuration it wrote.
set -euo pipefail

DIR=${CROSSCASE_SLURM_DIR:-/tmp/crosscase-slurm}
CONF=/etc/slurm/slurm.conf
MARK="# Written by tests/slurm/setup_local_slurm.sh: a one-node test cluster."

say() { echo "setup_local_slurm: $*" >&2; }

# Why this machine cannot run the cluster, or nothing when it can.
why_not() {
    if [ "$(id -u)" != 0 ]; then
        echo "not root (the daemons and apt-get need root)"
    elif ! command -v slurmctld >/dev/null || ! command -v munged >/dev/null; then
        if ! command -v apt-get >/dev/null; then
            echo "SLURM is not installed and there is no apt-get to install it"
        fi
    fi
}

install_packages() {
    if command -v slurmctld >/dev/null && command -v slurmd >/dev/null \
        && command -v sbatch >/dev/null && command -v munged >/dev/null; then
        return
    fi
    say "installing Debian's slurm-wlm and munge"
    export DEBIAN_FRONTEND=noninteractive
    # policy-rc.d: keep the packages' init scripts from starting daemons.
    local policy=/usr/sbin/policy-rc.d created_policy=no
    if [ ! -e $policy ]; then
        printf '#!/bin/sh\nexit 101\n' >$policy && chmod +x $policy && created_policy=yes
    fi
    apt-get install -y -q slurm-wlm munge >"$DIR/apt.log" 2>&1 || {
        apt-get update -q >>"$DIR/apt.log" 2>&1
        apt-get install -y -q slurm-wlm munge >>"$DIR/apt.log" 2>&1
    } || { [ $created_policy = yes ] && rm -f $policy; say "apt-get failed, see $DIR/apt.log"; exit 1; }
    [ $created_policy = yes ] && rm -f $policy
    return 0
}

write_config() {
    local host cpus mem
    host=$(hostname -s)
    # The node offers at least 8 CPUs, however many the machine has
    # (config_overrides), so that the test's few group jobs (2 cores each)
    # run side by side: they mostly wait for Python processes to start.
    cpus=$(nproc)
    [ "$cpus" -ge 8 ] || cpus=8
    # Offer the node a little less memory than it has, so slurmd registers.
    mem=$(awk '/MemTotal/ {print int($2 / 1024 * 0.9)}' /proc/meminfo)
    if [ -e "$CONF" ] && ! grep -qxF "$MARK" "$CONF"; then
        say "$CONF exists and was not written by this script: not touching it"
        exit 1
    fi
    mkdir -p "$DIR"/state "$DIR"/spool "$DIR"/log "$DIR"/run /etc/slurm
    cat >"$CONF.new" <<EOF
$MARK
ClusterName=crosscase-test
SlurmctldHost=$host(127.0.0.1)
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
StateSaveLocation=$DIR/state
SlurmdSpoolDir=$DIR/spool
SlurmctldPidFile=$DIR/run/slurmctld.pid
SlurmdPidFile=$DIR/run/slurmd.pid
SlurmctldLogFile=$DIR/log/slurmctld.log
SlurmdLogFile=$DIR/log/slurmd.log
SlurmctldDebug=info
SlurmdDebug=info
# No cgroups (not every container has them); processes tracked through /proc.
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
SchedulerType=sched/backfill
MpiDefault=none
SlurmdParameters=config_overrides
ReturnToService=2
# Finished jobs stay visible to squeue for 10 minutes: without accounting this
# is how the plugin learns that a job ended (it needs >= 3 x its first wait).
MinJobAge=600
SchedulerParameters=defer_batch=0
NodeName=$host NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$mem State=UNKNOWN
PartitionName=debug Nodes=$host Default=YES MaxTime=INFINITE State=UP OverSubscribe=NO
EOF
    mv "$CONF.new" "$CONF"
}

start_munge() {
    if munge -n </dev/null 2>/dev/null | unmunge >/dev/null 2>&1; then
        return  # a munged is already running (ours or the machine's)
    fi
    mkdir -p /run/munge /var/log/munge /var/lib/munge
    chown munge:munge /run/munge /var/log/munge /var/lib/munge
    chmod 0755 /run/munge
    if [ ! -s /etc/munge/munge.key ]; then
        mkdir -p /etc/munge
        if command -v mungekey >/dev/null; then
            mungekey --create --keyfile=/etc/munge/munge.key
        else
            dd if=/dev/urandom of=/etc/munge/munge.key bs=1 count=1024 2>/dev/null
        fi
        chown munge:munge /etc/munge/munge.key
        chmod 0400 /etc/munge/munge.key
    fi
    runuser -u munge -- /usr/sbin/munged --pid-file=/run/munge/munged.pid
    echo munged >>"$DIR/run/started"
    for _ in $(seq 50); do
        munge -n </dev/null 2>/dev/null | unmunge >/dev/null 2>&1 && return
        sleep 0.1
    done
    say "munged does not answer"
    exit 1
}

is_daemon() {  # is_daemon NAME PID: PID is alive and is that daemon (not a reused pid)
    [ -n "$2" ] && [ "$(cat "/proc/$2/comm" 2>/dev/null)" = "$1" ]
}

running() {  # running NAME: the daemon of our pid file is alive
    local pidfile=$DIR/run/$1.pid
    [ -s "$pidfile" ] && is_daemon "$1" "$(cat "$pidfile")"
}

start() {
    local reason
    reason=$(why_not)
    if [ -n "$reason" ]; then
        say "cannot set up a SLURM cluster here: $reason"
        exit 3
    fi
    mkdir -p "$DIR"/run
    install_packages
    if running slurmctld && running slurmd && sinfo -h >/dev/null 2>&1; then
        say "cluster already running"
        wait_idle
        return
    fi
    write_config
    start_munge
    running slurmctld || { /usr/sbin/slurmctld -f "$CONF" && echo slurmctld >>"$DIR/run/started"; }
    running slurmd || { /usr/sbin/slurmd -f "$CONF" && echo slurmd >>"$DIR/run/started"; }
    wait_idle
    say "cluster up: $(sinfo -h -o '%P %D %t %c cpus' | head -1)"
}

wait_idle() {
    local host state
    host=$(hostname -s)
    for _ in $(seq 120); do
        state=$(sinfo -h -n "$host" -o %t 2>/dev/null | head -1 || true)
        case $state in
            idle | mix | alloc) return ;;
            down* | drain* | inval*)
                scontrol update nodename="$host" state=resume >/dev/null 2>&1 || true ;;
        esac
        sleep 0.5
    done
    say "the node did not become idle (state '${state:-none}'); logs in $DIR/log"
    exit 1
}

stop_one() {  # stop_one NAME PIDFILE
    local pidfile=$2 pid
    [ -s "$pidfile" ] || return 0
    pid=$(cat "$pidfile")
    if is_daemon "$1" "$pid"; then
        kill "$pid"
        for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
    fi
    rm -f "$pidfile"
    say "stopped $1"
}

stop() {
    # Only what this script started (listed in run/started), newest first.
    [ -f "$DIR/run/started" ] || { say "nothing to stop"; return; }
    if grep -qx slurmd "$DIR/run/started"; then stop_one slurmd "$DIR/run/slurmd.pid"; fi
    if grep -qx slurmctld "$DIR/run/started"; then stop_one slurmctld "$DIR/run/slurmctld.pid"; fi
    if grep -qx munged "$DIR/run/started"; then stop_one munged /run/munge/munged.pid; fi
    rm -f "$DIR/run/started"
    if [ -e "$CONF" ] && grep -qxF "$MARK" "$CONF"; then rm -f "$CONF"; fi
}

case ${1:-} in
    check)
        reason=$(why_not)
        if [ -n "$reason" ]; then echo "$reason"; exit 3; fi ;;
    start) start ;;
    stop) stop ;;
    *) echo "usage: $0 check|start|stop" >&2; exit 2 ;;
esac
