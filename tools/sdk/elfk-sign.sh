#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# elfk-sign.sh: append a module signature to an elfk plugin, with the
# kernel's own scripts/sign-file, so that elfk verifies it the way the
# kernel verifies a module (Documentation/plugin-sdk.rst, "Signing").
#
#   elfk-sign.sh [-k KDIR] [-a HASH] KEY CERT IN [OUT]
#
# KEY     private key (PEM, or a PKCS#11 URI), e.g. your MOK or DKMS key
# CERT    its X.509 certificate (PEM or DER)
# IN      the plugin (.so or .o); signed in place unless OUT is given
# -k KDIR kernel build tree whose scripts/sign-file to use (default: the
#         running kernel's headers, then any /usr/lib/linux-kbuild-*)
# -a HASH digest (default sha256; must be built into the kernel)
#
# Environment: ELFK_SIGN_FILE overrides the sign-file path.
# Exits 2 on usage errors, 1 if sign-file is missing or fails.
set -eu

kdir='' hash=sha256
usage() {
	echo "usage: elfk-sign.sh [-k KDIR] [-a HASH] KEY CERT IN [OUT]" >&2
	exit 2
}
while getopts k:a:h opt; do
	case $opt in
	k) kdir=$OPTARG ;;
	a) hash=$OPTARG ;;
	*) usage ;;
	esac
done
shift $((OPTIND - 1))
[ $# -eq 3 ] || [ $# -eq 4 ] || usage
key=$1 cert=$2 in=$3 out=${4:-}

find_sign_file() {
	if [ -n "${ELFK_SIGN_FILE:-}" ]; then
		echo "$ELFK_SIGN_FILE"
		return
	fi
	for f in ${kdir:+"$kdir/scripts/sign-file"} \
		"/lib/modules/$(uname -r)/build/scripts/sign-file" \
		/usr/lib/linux-kbuild-*/scripts/sign-file; do
		if [ -x "$f" ]; then
			echo "$f"
			return
		fi
	done
}

sign_file=$(find_sign_file)
if [ -z "$sign_file" ] || [ ! -x "$sign_file" ]; then
	echo "elfk-sign.sh: no scripts/sign-file (install the kernel headers, or pass -k KDIR)" >&2
	exit 1
fi
for f in "$cert" "$in"; do
	[ -r "$f" ] || { echo "elfk-sign.sh: cannot read $f" >&2; exit 1; }
done
if tail -c 28 "$in" | grep -q '~Module signature appended~'; then
	echo "elfk-sign.sh: $in is already signed" >&2
	exit 1
fi
"$sign_file" "$hash" "$key" "$cert" "$in" ${out:+"$out"}
