/* SPDX-License-Identifier: GPL-2.0 */
# expect: verified: DT_INIT_ARRAY[0] is window offset 0x1010, not a bundle start in the code
/*
 * An init_array entry at an instruction start inside a bundle, past the
 * mask of a masked store (rule T11: only bundle starts, as CALL targets).
 */
	.include "guest.inc"

FUNC store
	.bundle_lock
	.fill 10, 1, 0x90
	and $SMASK, %edi
inner:
	mov %dl, (%r15,%rdi,1)
	.bundle_unlock
	FRET

	.section .init_array, "aw"
	.quad store + 16
