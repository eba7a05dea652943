# expect: C3
/* before the code, inside the trampoline page but not at an entry */
	.include "sandbox.inc"
	jmp 0x810
	END
