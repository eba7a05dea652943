# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# Helpers for the elfk QEMU harness, sourced by tools/elfk-vm and
# tools/testing/check.sh.  Everything heavy lives in a cache outside the clone:
#
#   $ELFK_CACHE (default ~/.cache/elfk)
#     src-<linux-source pkg version>/linux-source-<series>/   unpacked once
#     kbuild-<hash>/            debug kernel (O= dir, usable as KDIR); the hash
#                               covers debug*.config + source version + gcc version
#     stock-<abi>/boot/vmlinuz-<abi>-amd64              Debian's kernel, extracted
#     debs/                     .debs fetched with `apt-get download`
#     bin/gen_init_cpio         built from the kernel source, packs initramfs
#
# Kernel series: elfk supports Debian 12's kernels, the default 6.1 and the
# backported 6.12 (ELFK_SERIES_ALL).  Every function below works on the
# series in $ELFK_SERIES; elfk_use_series switches it (use it in a subshell
# to work on another series for one call).
#
# Environment:
#   ELFK_CACHE          cache root (see above)
#   ELFK_JOBS           make -j for the kernel build (default: nproc)
#   ELFK_SERIES         kernel series to work on (default 6.1)
#
# Functions print progress on stderr and results (paths) on stdout.

ELFK_VM_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ELFK_CACHE=${ELFK_CACHE:-$HOME/.cache/elfk}
ELFK_JOBS=${ELFK_JOBS:-$(nproc)}
ELFK_SERIES_ALL="6.1 6.12"

elfk_log() { printf '%s\n' "elfk: $*" >&2; }
elfk_die() { printf '%s\n' "elfk: error: $*" >&2; exit 1; }

# elfk_pkg_installed PKG: true if dpkg has PKG fully installed.
elfk_pkg_installed() {
	[ "$(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null)" = installed ]
}

# elfk_need_pkgs PKG...: fail naming whichever of PKG... are missing.  Only
# the explicit deps step (`make deps`, check.sh's deps stage) sets
# ELFK_INSTALL_DEPS=1, and then they are installed with apt-get (`apt-get
# update` at most once per process; needs root).  Nothing else installs.
ELFK_APT_UPDATED=${ELFK_APT_UPDATED:-}
elfk_need_pkgs() {
	local pkg missing=()
	for pkg in "$@"; do
		elfk_pkg_installed "$pkg" || missing+=("$pkg")
	done
	[ ${#missing[@]} -eq 0 ] && return 0
	if [ "${ELFK_INSTALL_DEPS:-}" != 1 ]; then
		elfk_log "missing packages: ${missing[*]} (install them with \`make deps\` as root)"
		return 1
	fi
	if [ "$(id -u)" != 0 ]; then
		elfk_die "missing packages (install as root): ${missing[*]}"
	fi
	elfk_log "installing: ${missing[*]}"
	if [ -z "$ELFK_APT_UPDATED" ]; then
		DEBIAN_FRONTEND=noninteractive apt-get update -q >&2 || return 1
		ELFK_APT_UPDATED=1
		export ELFK_APT_UPDATED
	fi
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
		"${missing[@]}" >&2
}

# elfk_headers_pkg SERIES: Debian's meta-package for that series' headers
# (6.1 is Debian 12's own kernel; later series are backports named by series).
elfk_headers_pkg() {
	case $1 in
	6.1) echo linux-headers-amd64 ;;
	*) echo "linux-headers-$1-amd64" ;;
	esac
}

# elfk_use_series SERIES: work on that kernel series from now on.
elfk_use_series() {
	case " $ELFK_SERIES_ALL " in
	*" $1 "*) ;;
	*) elfk_die "unsupported kernel series '$1' (supported: $ELFK_SERIES_ALL)" ;;
	esac
	ELFK_SERIES=$1
	ELFK_SOURCE_PKG=linux-source-$1
	ELFK_HEADERS_PKG=$(elfk_headers_pkg "$1")
	# Packages the harness itself runs on (check.sh installs a superset).
	# shellcheck disable=SC2034 # used by tools/elfk-vm
	ELFK_VM_PKGS=(qemu-system-x86 busybox-static cpio kmod xz-utils gcc make
		libc6-dev "$ELFK_SOURCE_PKG" "$ELFK_HEADERS_PKG")
	ELFK_KBUILD_PKGS=(flex bison bc libelf-dev libssl-dev dwarves rsync gcc make
		libc6-dev "$ELFK_SOURCE_PKG" xz-utils)
}

# elfk_newest_series installed|available: the newest supported series whose
# headers are installed (falling back to the newest available), or the newest
# the package archive offers.
elfk_newest_series() {
	local s newest=''
	if [ "$1" = installed ]; then
		for s in $ELFK_SERIES_ALL; do
			elfk_pkg_installed "$(elfk_headers_pkg "$s")" && newest=$s
		done
	fi
	if [ -z "$newest" ]; then
		for s in $ELFK_SERIES_ALL; do
			apt-cache show "$(elfk_headers_pkg "$s")" >/dev/null 2>&1 && newest=$s
		done
	fi
	echo "${newest:-${ELFK_SERIES_ALL%% *}}"
}

# The series the caller asked for, if any, before defaulting it.
ELFK_SERIES_ASKED=${ELFK_SERIES:-}
elfk_use_series "${ELFK_SERIES:-6.1}"

# elfk_source_version: version of the installed kernel source package.
elfk_source_version() {
	dpkg-query -W -f='${Version}' "$ELFK_SOURCE_PKG" 2>/dev/null ||
		elfk_die "$ELFK_SOURCE_PKG is not installed"
}

# elfk_source_dir: unpack /usr/src/linux-source-*.tar.xz once per package
# version into the cache; print the source tree path.
elfk_source_dir() {
	local ver base tarball dir
	ver=$(elfk_source_version) || return 1
	base=${ELFK_SOURCE_PKG#linux-source-}
	tarball=/usr/src/linux-source-$base.tar.xz
	dir=$ELFK_CACHE/src-$ver/linux-source-$base
	if [ "$(cat "$dir/.elfk-source-version" 2>/dev/null)" != "$ver" ]; then
		[ -f "$tarball" ] || elfk_die "$tarball not found ($ELFK_SOURCE_PKG $ver)"
		elfk_log "unpacking $tarball into $ELFK_CACHE/src-$ver"
		rm -rf "$ELFK_CACHE/src-$ver"
		mkdir -p "$ELFK_CACHE/src-$ver"
		tar -C "$ELFK_CACHE/src-$ver" -xf "$tarball" || return 1
		[ -f "$dir/Makefile" ] || elfk_die "$tarball did not unpack to $dir"
		echo "$ver" >"$dir/.elfk-source-version"
	fi
	echo "$dir"
}

# elfk_debug_config: the debug kernel's configuration fragment for this
# series: debug.config, then debug-<series>.config (options whose names
# differ between series).
elfk_debug_config() {
	cat "$ELFK_VM_DIR/debug.config"
	if [ -f "$ELFK_VM_DIR/debug-$ELFK_SERIES.config" ]; then
		cat "$ELFK_VM_DIR/debug-$ELFK_SERIES.config"
	fi
}

# elfk_debug_key: hash naming the debug kernel build directory.
elfk_debug_key() {
	{
		elfk_debug_config
		echo "source: $(elfk_source_version)"
		echo "gcc: $(gcc --version | head -n1)"
	} | sha256sum | cut -c1-16
}

elfk_debug_kdir() { echo "$ELFK_CACHE/kbuild-$(elfk_debug_key)"; }

# elfk_check_config KDIR FRAGMENT: every line of FRAGMENT must hold in
# KDIR/.config; list the ones that don't and fail.
elfk_check_config() {
	local kdir=$1 frag=$2 line opt want got bad=()
	while IFS= read -r line; do
		case $line in
		CONFIG_*=*)
			opt=${line%%=*}
			want=${line#*=}
			;;
		"# CONFIG_"*" is not set")
			opt=${line#\# }
			opt=${opt%% *}
			want=n
			;;
		*) continue ;;
		esac
		got=$(grep -E "^$opt=" "$kdir/.config" | tail -n1)
		got=${got#*=}
		[ -n "$got" ] || got=n
		[ "$want" = "$got" ] || bad+=("$opt: wanted $want, got $got")
	done <"$frag"
	if [ ${#bad[@]} -ne 0 ]; then
		elfk_log "debug.config options that did not take:"
		printf '  %s\n' "${bad[@]}" >&2
		return 1
	fi
}

# elfk_debug_kernel: build (or reuse) the debug kernel; print its KDIR.
# The bzImage is KDIR/arch/x86/boot/bzImage; KDIR is ready for out-of-tree
# module builds (Module.symvers, modules_prepare).
elfk_debug_kernel() {
	local src kdir frag start secs
	elfk_need_pkgs "${ELFK_KBUILD_PKGS[@]}" || return 1
	src=$(elfk_source_dir) || return 1
	kdir=$(elfk_debug_kdir)
	mkdir -p "$kdir"
	frag=$kdir/elfk-debug.config
	elfk_debug_config >"$frag.new" && mv "$frag.new" "$frag" || return 1
	(
		flock 9
		if [ -f "$kdir/.elfk-built" ] && [ -f "$kdir/arch/x86/boot/bzImage" ] &&
			[ -f "$kdir/Module.symvers" ]; then
			elfk_log "debug kernel up to date: $kdir"
			exit 0
		fi
		start=$(date +%s)
		elfk_log "building debug kernel in $kdir (log: $kdir/build.log)"
		{
			make -C "$src" O="$kdir" ARCH=x86_64 tinyconfig &&
				"$src/scripts/kconfig/merge_config.sh" -m -O "$kdir" \
					"$kdir/.config" "$frag" &&
				make -C "$src" O="$kdir" ARCH=x86_64 olddefconfig
		} >"$kdir/build.log" 2>&1 || {
			tail -n 30 "$kdir/build.log" >&2
			elfk_die "kernel configuration failed"
		}
		elfk_check_config "$kdir" "$frag" || elfk_die "debug.config did not apply"
		# vmlinux runs modpost, which writes Module.symvers; `modules` keeps
		# that true if kbuild ever stops doing it for vmlinux alone.
		make -C "$src" O="$kdir" ARCH=x86_64 -j"$ELFK_JOBS" \
			bzImage modules modules_prepare >>"$kdir/build.log" 2>&1 || {
			tail -n 40 "$kdir/build.log" >&2
			elfk_die "kernel build failed (log: $kdir/build.log)"
		}
		[ -f "$kdir/Module.symvers" ] || elfk_die "no Module.symvers in $kdir"
		secs=$(($(date +%s) - start))
		echo "$secs" >"$kdir/.elfk-build-seconds"
		touch "$kdir/.elfk-built"
		elfk_log "debug kernel built in $((secs / 60))m$((secs % 60))s"
	) 9>"$kdir.lock" >&2 || return 1
	echo "$kdir"
}

# elfk_stock_abi: ABI name of Debian's kernel of this series, e.g. 6.1.0-57
# or 6.12.118+deb12, from its headers meta-package's dependency (installed
# here when missing).
elfk_stock_abi() {
	local dep
	elfk_need_pkgs "$ELFK_HEADERS_PKG" || return 1
	dep=$(dpkg-query -W -f='${Depends}' "$ELFK_HEADERS_PKG" 2>/dev/null) ||
		elfk_die "$ELFK_HEADERS_PKG is not installed"
	dep=$(printf '%s\n' "$dep" | tr ',' '\n' |
		sed -n 's/^ *linux-headers-\(.*\)-amd64\b.*/\1/p' | head -n1)
	case $dep in
	"$ELFK_SERIES".*) ;;
	*) elfk_die "cannot tell the $ELFK_SERIES kernel ABI from $ELFK_HEADERS_PKG (got '$dep')" ;;
	esac
	echo "$dep"
}

# elfk_stock_kdir: headers to build modules for the stock kernel.
elfk_stock_kdir() {
	local kdir
	kdir=/usr/src/linux-headers-$(elfk_stock_abi)-amd64
	[ -f "$kdir/Makefile" ] || elfk_die "$kdir missing"
	echo "$kdir"
}

# elfk_find_deb PKG VERSION: path of that .deb in $ELFK_CACHE/debs, if any.
elfk_find_deb() {
	local f
	for f in "$ELFK_CACHE/debs/$1"_*.deb; do
		[ -f "$f" ] && [ "$(dpkg-deb -f "$f" Version)" = "$2" ] && echo "$f" && return 0
	done
	return 0
}

# elfk_stock_kernel: extract Debian's linux-image-<abi>-amd64-unsigned (the
# version matching the installed headers) into the cache, never onto the
# host; print the vmlinuz path.
elfk_stock_kernel() {
	local abi ver pkg dir vmlinuz deb
	abi=$(elfk_stock_abi) || return 1
	ver=$(dpkg-query -W -f='${Version}' "linux-headers-$abi-amd64" 2>/dev/null) ||
		elfk_die "linux-headers-$abi-amd64 not installed"
	pkg=linux-image-$abi-amd64-unsigned
	dir=$ELFK_CACHE/stock-$abi
	vmlinuz=$dir/boot/vmlinuz-$abi-amd64
	if [ "$(cat "$dir/.elfk-version" 2>/dev/null)" != "$ver" ] || [ ! -f "$vmlinuz" ]; then
		mkdir -p "$ELFK_CACHE/debs"
		deb=$(elfk_find_deb "$pkg" "$ver")
		if [ -z "$deb" ]; then
			elfk_log "downloading $pkg=$ver"
			(cd "$ELFK_CACHE/debs" && apt-get -o APT::Sandbox::User=root download "$pkg=$ver" >&2) || {
				[ "$(id -u)" = 0 ] &&
					DEBIAN_FRONTEND=noninteractive apt-get update -q >&2 &&
					(cd "$ELFK_CACHE/debs" && apt-get -o APT::Sandbox::User=root download "$pkg=$ver" >&2)
			} || elfk_die "apt-get download $pkg=$ver failed"
			deb=$(elfk_find_deb "$pkg" "$ver")
		fi
		[ -n "$deb" ] || elfk_die "no .deb for $pkg in $ELFK_CACHE/debs"
		elfk_log "extracting $deb"
		rm -rf "$dir"
		mkdir -p "$dir"
		dpkg-deb -x "$deb" "$dir" || return 1
		[ -f "$vmlinuz" ] || elfk_die "$deb has no ${vmlinuz#"$dir"}"
		echo "$ver" >"$dir/.elfk-version"
	fi
	echo "$vmlinuz"
}

# elfk_gen_init_cpio: build usr/gen_init_cpio from the kernel source (lets
# us put /dev/console in the initramfs without being root).
elfk_gen_init_cpio() {
	local src bin=$ELFK_CACHE/bin/gen_init_cpio
	if [ ! -x "$bin" ]; then
		src=$(elfk_source_dir) || return 1
		mkdir -p "$ELFK_CACHE/bin"
		{ gcc -O2 -o "$bin.tmp" "$src/usr/gen_init_cpio.c" && mv "$bin.tmp" "$bin"; } ||
			elfk_die "cannot build gen_init_cpio"
	fi
	echo "$bin"
}
