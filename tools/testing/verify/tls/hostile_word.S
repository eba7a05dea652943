/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Rule T12, K7: the sandbox overwrites its CALL slot's TLS word with a
 * kernel address (0xffff888000900100, the direct map) and stores through
 * it with the SDK's sequence.  The masks keep the store in the window, at
 * window offset 0x900100 (the writable half's scratch); the next entry
 * finds the word rewritten by the runtime.
 *
 *   smash   returns 0 after the store
 *   peek    returns the 8 bytes at window offset 0x900100 (7 after smash)
 *   get     returns this task's tv (5 from the template)
 */
	.include "guest.inc"
	.include "tls.inc"

/* The TLS word's offset in the writable half: slot | 0xfff8, masked (k = 24). */
.macro TLS_WORD_OFF reg32
	mov %esp, \reg32
	or $0xfff8, \reg32
.endm

FUNC smash
	movabs $0xffff888000900100, %rdx
	TLS_WORD_OFF %eax
	.bundle_lock
	and $0x7cfff8, %eax
	mov %rdx, (%r15,%rax,1)
	.bundle_unlock
	TLS_BLOCK_R12
	lea tv@dtpoff(%r12), %r12
	.bundle_lock
	and $0x7fffff, %r12d
	movq $7, (%r15,%r12,1)
	.bundle_unlock
	xor %eax, %eax
	FRET
	END

FUNC peek
	mov $0x900100, %eax
	.bundle_lock
	and $0xffffff, %eax
	mov (%r14,%rax,1), %rax
	.bundle_unlock
	FRET
	END

FUNC get
	TLS_BLOCK_R12
	lea tv@dtpoff(%r12), %r12
	.bundle_lock
	and $0xffffff, %r12d
	mov (%r14,%r12,1), %rax
	.bundle_unlock
	FRET
	END

	TLS_TV 5
