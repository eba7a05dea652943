/* SPDX-License-Identifier: GPL-2.0 */
/*
 * elfk/verified.h: calling the runtime's helpers from a verified plugin
 * (Documentation/verified-plugins.rst).  Helper n is the trampoline entry
 * T_HELPER(n) at window offset 0x260 + 32 * n; it takes up to five
 * integer arguments in the SysV registers and returns in %rax, clobbering
 * what a SysV call may.  Pointer arguments are addresses inside the
 * window, which the helper checks and translates itself.
 */
#ifndef _ELFK_VERIFIED_H
#define _ELFK_VERIFIED_H

#define ELFK_T_HELPER(n) (0x260 + 32 * (n))

/* helper 0: does nothing, returns 0 (every runtime has it) */
#define ELFK_HELPER_NOP 0

#define elfk_helper(n, a0, a1, a2, a3, a4) ({				\
	register long __a3 __asm__("rcx") = (long)(a3);			\
	register long __a4 __asm__("r8") = (long)(a4);			\
	long __ret, __a0 = (long)(a0), __a1 = (long)(a1);		\
	long __a2 = (long)(a2);						\
	__asm__ volatile("call __elfk_window + %c[off]"		\
			 : "=a"(__ret), "+D"(__a0), "+S"(__a1),		\
			   "+d"(__a2), "+r"(__a3), "+r"(__a4)		\
			 : [off] "i"(ELFK_T_HELPER(n))			\
			 : "r9", "r10", "r11", "memory", "cc");		\
	__ret;								\
})

#endif /* _ELFK_VERIFIED_H */
