#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# run-modules.sh: deployment through kernel modules (Documentation/
# plugin-sdk.rst, "Deploying a plugin as a kernel module").  In the guest
# (busybox ash, root), with elfk loaded and nothing in it:
#
#   modprobe   rmmod elfk; install elfk.ko and hello_plugin.ko under
#              /lib/modules/$(uname -r)/extra and run depmod; "modprobe
#              hello_plugin" must load elfk first (modules.dep, from the
#              "depends=elfk" modpost recorded), then the plugin is listed
#              and callable (and, when build-module.sh signed it with the
#              kernel's own key, carries no E taint), elfk-ctl cannot unload it (the module owns
#              it), "modprobe -r" runs its destructors, and elfk can go.
#              A load failure fails modprobe with elfk's errno and puts
#              elfk's log text in the kernel log.
#   busy exit  libmid.so links against the object libbase_plugin.ko loaded;
#              rmmod libbase_plugin still succeeds (module exit cannot
#              fail), the object stays in elfk's registry with a warning,
#              keeps working, and elfk-ctl unloads it once libmid.so is gone.
#   provider   insmod elfk_example_provider.ko scale=7; use_provider.so
#              binds to its helper (scaled(6) = 42), rmmod of the provider
#              is refused while it does, and succeeds once it is unloaded.
#              Without the provider the plugin is refused (ENOENT).
#
# The modules are built per kernel by tools/testing/build-module.sh and
# packed as /elfk/modules; elfk.ko is /elfk/elfk.ko.  The script leaves elfk
# loaded, as run-all.sh expects.
#
# The guest has busybox (Debian 12's busybox-static 1.35), not kmod: its
# depmod, insmod, lsmod, modinfo, modprobe and rmmod applets.  Its depmod
# writes modules.dep from each module's "depends=" (modinfo), its modprobe
# is the full one (not modprobe-small): it loads what modules.dep lists
# first, and "modprobe -r" also removes dependencies nothing uses any more
# (elfk, here).  When a module's init fails, busybox tries finit_module()
# and then init_module(), so the init (and its log lines) runs twice.
#
# Environment: ELFK_MODULES (default $ELFK_ROOT/modules), and lib.sh's.

TAG=modules
. "$(dirname "$0")/lib.sh"

M=${ELFK_MODULES:-$ROOT/modules}
KO=$ROOT/elfk.ko

loaded() {
	grep -q "^$1 " /proc/modules
}

# refcount MODULE: the module's use count, from /proc/modules.
refcount() {
	awk -v m="$1" '$1 == m { print $3 }' /proc/modules
}

# expect_rc NAME RC: the exit status only.
expect_rc() {
	if [ "$RC" = "$2" ]; then pass "$1"; else fail "$1" "expected exit status $2"; fi
}

# check NAME COND...: pass if the command COND succeeds.
check() {
	_n=$1
	shift
	if "$@"; then pass "$_n"; else fail "$_n" "false: $*"; fi
}

# in_log NAME TEXT...: each TEXT is in the kernel log since the mark.
in_log() {
	_n=$1
	shift
	since_mark >"$T/log"
	for _t in "$@"; do
		if ! grep -qF -- "$_t" "$T/log"; then
			sed 's/^/# log: /' "$T/log"
			fail "$_n" "expected in the kernel log: $_t"
			return
		fi
	done
	pass "$_n"
}

# The end state run-all.sh expects, whatever happened: elfk loaded, empty.
restore() {
	loaded hello_plugin && rmmod hello_plugin
	loaded libbase_plugin && rmmod libbase_plugin
	"$CTL" unload libmid.so >/dev/null 2>&1
	"$CTL" unload libbase.so >/dev/null 2>&1
	"$CTL" unload use_provider >/dev/null 2>&1
	"$CTL" unload hello >/dev/null 2>&1
	loaded elfk_example_provider && rmmod elfk_example_provider
	loaded elfk || insmod "$KO"
}

for f in "$KO" "$M/hello_plugin.ko" "$M/elfk_example_provider.ko" \
	"$M/use_provider.so" "$M/hello.so" "$M/libbase_plugin.ko" "$P/libmid.so"; do
	if [ ! -f "$f" ]; then
		echo "not ok - modules: $f is missing (tools/testing/build-module.sh builds it)"
		exit 1
	fi
done

# --- modprobe: elfk as a dependency -------------------------------------------

run rmmod elfk
if [ "$RC" = 0 ] && ! loaded elfk; then
	pass "rmmod elfk before the modprobe test"
else
	fail "rmmod elfk before the modprobe test" "elfk must be loaded and unused"
fi

MD=/lib/modules/$(uname -r)
mkdir -p "$MD/extra"
cp "$KO" "$M/hello_plugin.ko" "$M/elfk_example_provider.ko" "$MD/extra/"
run depmod
expect "depmod" 0 ""
check "modules.dep: hello_plugin depends on elfk" \
	grep -Eq '^(.*/)?extra/hello_plugin\.ko: (.*/)?extra/elfk\.ko$' "$MD/modules.dep"
check "modules.dep: elfk_example_provider depends on elfk" \
	grep -Eq '^(.*/)?extra/elfk_example_provider\.ko: (.*/)?extra/elfk\.ko$' "$MD/modules.dep"

mark
run modprobe hello_plugin
expect "modprobe hello_plugin" 0 ""
check "modprobe loaded elfk first" loaded elfk
check "hello_plugin is loaded" loaded hello_plugin
in_log "hello_plugin: the plugin's init ran, the module logged its id" \
	"elfk: hello: init 4 seq 1234" "hello_plugin: plugin loaded as elfk object"
# build-module.sh signs with the kernel's own key when it has one.
if [ -f "$M/signed-by-kdir" ]; then
	taint=$(cat /sys/module/hello_plugin/taint 2>/dev/null)
	case $taint in
	*E*) fail "hello_plugin's signature is trusted" "module taint '$taint' has E (unsigned or untrusted)" ;;
	*) pass "hello_plugin's signature is trusted (taint '$taint', no E)" ;;
	esac
else
	echo "ok - hello_plugin's signature is trusted # SKIP no signing key in this kernel's build tree"
fi
ctl list
if [ "$RC" = 0 ] && grep -qw hello "$T/out"; then
	pass "elfk-ctl list shows hello"
else
	fail "elfk-ctl list shows hello"
fi
ctl call hello ctor_order
expect "call hello ctor_order = 1234 (DT_INIT, constructors, elfk_init)" 0 1234
ctl call hello add 2 3
expect "call hello add 2 3 = 5" 0 5
ctl unload hello
urc=$RC
ctl list
if [ "$urc" != 0 ] && grep -qw hello "$T/out"; then
	pass "elfk-ctl unload refused: the module holds the object"
else
	fail "elfk-ctl unload refused: the module holds the object"
fi
check "elfk cannot go while hello_plugin uses it" sh -c '! rmmod elfk 2>/dev/null'

mark
run modprobe -r hello_plugin
expect "modprobe -r hello_plugin" 0 ""
check "hello_plugin is unloaded" sh -c '! grep -q "^hello_plugin " /proc/modules'
in_log "module exit ran the plugin's exit and destructors" \
	"elfk: hello: exit 5 seq 12345" "elfk: hello: dt_fini 8 seq 12345678"
# kmod's and busybox's modprobe -r also remove elfk once nothing uses it.
if loaded elfk; then
	ctl list
	if [ "$RC" = 0 ] && ! grep -qw hello "$T/out"; then
		pass "hello is gone from elfk"
	else
		fail "hello is gone from elfk"
	fi
	run rmmod elfk
	expect "then elfk can be removed" 0 ""
else
	pass "then elfk can be removed (modprobe -r removed it as unused)"
fi

# A load failure: the name is taken.  modprobe fails with EEXIST, the kernel
# log has elfk's reason.
run modprobe elfk
expect "modprobe elfk" 0 ""
ctl load "$M/hello.so"
expect_rc "load hello.so through elfk-ctl (takes the name)" 0
mark
run modprobe hello_plugin
if [ "$RC" != 0 ] && ! loaded hello_plugin; then
	pass "modprobe hello_plugin fails while the name is taken"
else
	fail "modprobe hello_plugin fails while the name is taken"
fi
in_log "the failure logs elfk's errno and reason" \
	"hello_plugin: elfk did not load the plugin (error -17)" \
	"hello_plugin: name 'hello' is already in use"
ctl unload hello
expect_rc "unload hello" 0

# --- an object still in use at module exit ------------------------------------

run insmod "$M/libbase_plugin.ko"
expect "insmod libbase_plugin" 0 ""
ctl load "$P/libmid.so"
expect_rc "load libmid.so, which links against libbase_plugin's object" 0
mark
run rmmod libbase_plugin
expect "rmmod libbase_plugin while libmid.so uses its object" 0 ""
check "libbase_plugin is unloaded" sh -c '! grep -q "^libbase_plugin " /proc/modules'
in_log "module exit warns that the object stays loaded" \
	"libbase_plugin: elfk object" "is in use (error -16): left loaded"
ctl call libmid.so mid_fn 2
expect "call libmid.so mid_fn 2 = 1021 after the module is gone" 0 1021
ctl unload libmid.so
expect_rc "unload libmid.so" 0
ctl unload libbase.so
expect_rc "elfk-ctl unloads the object the module left" 0

# --- a provider module extends the symbol table -------------------------------

ctl load "$M/use_provider.so"
expect_err "use_provider.so without its provider: refused" 1 elfk_example_scale

run insmod "$M/elfk_example_provider.ko" scale=7
expect "insmod elfk_example_provider scale=7" 0 ""
check "the provider is unused" [ "$(refcount elfk_example_provider)" = 0 ]
ctl load "$M/use_provider.so"
expect_rc "load use_provider.so" 0
ctl call use_provider scaled 6
expect "call use_provider scaled 6 = 42 (the provider's helper, scale=7)" 0 42
check "use_provider pins the provider" [ "$(refcount elfk_example_provider)" = 1 ]
run rmmod elfk_example_provider
if [ "$RC" != 0 ] && loaded elfk_example_provider; then
	pass "rmmod of the provider refused while a plugin binds to it"
else
	fail "rmmod of the provider refused while a plugin binds to it"
fi
ctl call use_provider scaled -2
expect "call use_provider scaled -2 after the refused rmmod" 0 18446744073709551602
ctl unload use_provider
expect_rc "unload use_provider" 0
check "the provider is unused again" [ "$(refcount elfk_example_provider)" = 0 ]
run rmmod elfk_example_provider
expect "rmmod of the provider once the plugin is gone" 0 ""
check "the provider is unloaded" sh -c '! grep -q "^elfk_example_provider " /proc/modules'

restore
check "elfk is loaded again for the next suite" loaded elfk
tap_end
