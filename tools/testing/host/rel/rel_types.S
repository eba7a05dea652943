/* SPDX-License-Identifier: GPL-2.0 */
/*
 * rel_types: one function per x86_64 static relocation type elfk applies,
 * written in assembler so that each type is emitted exactly as named.  A
 * function returns its magic value only if its relocation was handled
 * right (the host test also checks that every type occurs in the object):
 *
 *   t_r64            0x6464  R_X86_64_64: a data word holding an address
 *   t_pc32           0x3232  R_X86_64_PC32 to another section
 *   t_pc32_far       0x4444  R_X86_64_PC32 call to a far STT_FUNC: PLT stub
 *   t_plt32_far      0x4545  R_X86_64_PLT32 to a far function: PLT stub
 *   t_plt32_near     0x3333  R_X86_64_PLT32 to a function in the object
 *   t_r32            0x1003  R_X86_64_32 against small_abs (0x1000) + 3
 *   t_r32s           -0x10000 R_X86_64_32S against small_neg
 *   t_pc64           0x6400  R_X86_64_PC64: a data word holding target - .
 *   t_gotpcrel       0x5151  R_X86_64_GOTPCREL in data, read by hand
 *   t_gotpcrelx      0x4646  R_X86_64_GOTPCRELX: call *f@GOTPCREL(%rip)
 *   t_gotpcrelx_jmp  0x4646  the same as a tail call, jmp *f@GOTPCREL(%rip)
 *   t_gotpcrelx_near 0x4747  call *g@GOTPCREL(%rip), g in the object
 *   t_gotpcrelx_gd   0x4646  "66 48 ff 15": the __tls_get_addr() call of
 *                            the general-dynamic sequence, prefixes kept
 *   (elfk rewrites these four into direct calls and jumps, e8/e9 rel32 90:
 *   the host test checks the bytes as well as the results)
 *   t_rex_gotpcrelx  0x5151  R_X86_64_REX_GOTPCRELX: movq v@GOTPCREL(%rip)
 *   t_gotpc32        0x6f6f  R_X86_64_GOTPC32 + R_X86_64_GOTOFF64
 *   t_none           0x4e4e  R_X86_64_NONE
 *
 * small_abs, small_neg, host_far_fn*, host_data are the host test's.
 */
#include <cet.h>

	.text

.macro FUNC name
	.globl \name
	.type \name, @function
	.p2align 4
\name:
	endbr64
.endm

FUNC t_r64
	movq r64_slot(%rip), %rax
	movq (%rax), %rax
	ret

FUNC t_pc32
	leaq pc32_target(%rip), %rax
	movq (%rax), %rax
	ret

	.type host_far_fn, @function
FUNC t_pc32_far
	subq $8, %rsp
	.byte 0xe8
	.long host_far_fn - . - 4
	addq $8, %rsp
	ret

FUNC t_plt32_far
	subq $8, %rsp
	call host_far_fn2@PLT
	addq $8, %rsp
	ret

FUNC local_fn
	movl $0x3333, %eax
	ret

FUNC t_plt32_near
	subq $8, %rsp
	call local_fn
	addq $8, %rsp
	ret

FUNC t_r32
	movl r32_field(%rip), %eax
	ret

FUNC t_r32s
	movq $small_neg, %rax
	ret

FUNC t_pc64
	leaq pc64_field(%rip), %rax
	addq (%rax), %rax
	movq (%rax), %rax
	ret

FUNC t_gotpcrel
	leaq gotpcrel_field(%rip), %rax
	movslq (%rax), %rdx
	addq %rdx, %rax
	movq (%rax), %rax
	movq (%rax), %rax
	ret

FUNC t_gotpcrelx
	subq $8, %rsp
	call *host_far_fn3@GOTPCREL(%rip)
	addq $8, %rsp
	ret

FUNC t_gotpcrelx_jmp
	jmp *host_far_fn3@GOTPCREL(%rip)

FUNC near_fn
	movl $0x4747, %eax
	ret

FUNC t_gotpcrelx_near
	subq $8, %rsp
	call *near_fn@GOTPCREL(%rip)
	addq $8, %rsp
	ret

FUNC t_gotpcrelx_gd
	subq $8, %rsp
	/* data16 rex.W call *host_far_fn3@GOTPCREL(%rip), as gcc writes it */
	.byte 0x66, 0x48, 0xff, 0x15
	.reloc ., R_X86_64_GOTPCRELX, host_far_fn3 - 4
	.long 0
	addq $8, %rsp
	ret

FUNC t_rex_gotpcrelx
	movq host_data@GOTPCREL(%rip), %rax
	movq (%rax), %rax
	ret

FUNC t_gotpc32
	leaq _GLOBAL_OFFSET_TABLE_(%rip), %rcx
	movabsq $gotoff_target@GOTOFF, %rax
	movq (%rcx,%rax), %rax
	ret

FUNC t_none
	.reloc ., R_X86_64_NONE, local_fn
	movl $0x4e4e, %eax
	ret

	.section .rodata.types, "a"
	.balign 8
r64_target:	.quad 0x6464
pc32_target:	.quad 0x3232
pc64_target:	.quad 0x6400
gotoff_target:	.quad 0x6f6f

	.section .data.types, "aw"
	.balign 8
r64_slot:	.quad r64_target
pc64_field:	.quad pc64_target - .
r32_field:	.long small_abs + 3
gotpcrel_field:	.long host_data@GOTPCREL

	.section .note.GNU-stack, "", @progbits
