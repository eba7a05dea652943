#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# mk-signed.sh KDIR PLUGINS OUT: on the host, write the signed-image
# fixtures run-policy.sh and run-signed.sh read from /elfk/signed:
#
#   hello.signed.so        hello.so signed with KDIR's module signing key
#                          (certs/signing_key.pem, built into KDIR's kernel)
#   kcalls_rel.signed.o    the same for an ET_REL object
#   hello.tampered.so      hello.signed.so with one content byte changed
#   hello.wrongkey.so      hello.so signed with a fresh key the kernel does
#                          not trust (OUT/wrong-key.pem, made with openssl)
#   hello.badtrailer.so    hello.so, a struct module_signature whose sig_len
#                          runs past the start of the file, and the marker
#   hello.notpkcs7.so      hello.so, 16 bytes, a struct module_signature with
#                          id_type 1 (not PKCS#7), and the marker
#
# Signing goes through the SDK's elfk-sign.sh, so this also tests it.
set -eu

[ $# -eq 3 ] || { echo "usage: mk-signed.sh KDIR PLUGINS OUT" >&2; exit 2; }
kdir=$1 plugins=$2 out=$3
here=$(cd "$(dirname "$0")" && pwd)
sign=${ELFK_SIGN:-$here/../../sdk/elfk-sign.sh}
key=$kdir/certs/signing_key.pem
cert=$kdir/certs/signing_key.x509

for f in "$key" "$cert" "$plugins/hello.so" "$plugins/kcalls_rel.o"; do
	[ -r "$f" ] || { echo "mk-signed.sh: missing $f" >&2; exit 1; }
done
mkdir -p "$out"
rm -f "$out"/hello.* "$out"/kcalls_rel.*

"$sign" -k "$kdir" "$key" "$cert" "$plugins/hello.so" "$out/hello.signed.so"
"$sign" -k "$kdir" "$key" "$cert" "$plugins/kcalls_rel.o" "$out/kcalls_rel.signed.o"

cp "$out/hello.signed.so" "$out/hello.tampered.so"
# Offset 200 lies in the program headers, well before the signature.
byte=$(dd if="$out/hello.tampered.so" bs=1 skip=200 count=1 2>/dev/null | od -An -tu1 | tr -d ' ')
printf '%b' "\\$(printf '%03o' $(((byte + 1) % 256)))" |
	dd of="$out/hello.tampered.so" bs=1 seek=200 conv=notrunc 2>/dev/null
! cmp -s "$out/hello.signed.so" "$out/hello.tampered.so" ||
	{ echo "mk-signed.sh: tampering changed nothing" >&2; exit 1; }

if [ ! -f "$out/wrong-key.pem" ]; then
	openssl req -new -nodes -utf8 -sha256 -days 36500 -batch -x509 \
		-subj "/CN=elfk untrusted test key/" -outform PEM \
		-out "$out/wrong-key.x509" -keyout "$out/wrong-key.pem" 2>/dev/null
fi
"$sign" -k "$kdir" "$out/wrong-key.pem" "$out/wrong-key.x509" \
	"$plugins/hello.so" "$out/hello.wrongkey.so"

marker='~Module signature appended~'
# struct module_signature: algo, hash, id_type, signer_len, key_id_len,
# __pad[3], then sig_len as a big-endian u32.
{
	cat "$plugins/hello.so"
	printf '\000\000\002\000\000\000\000\000\377\377\377\377'
	printf '%s\n' "$marker"
} >"$out/hello.badtrailer.so"
{
	cat "$plugins/hello.so"
	printf '0123456789abcdef'
	printf '\000\000\001\000\000\000\000\000\000\000\000\020'
	printf '%s\n' "$marker"
} >"$out/hello.notpkcs7.so"
