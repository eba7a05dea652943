# expect: I6
	.include "sandbox.inc"
	.bundle_lock
	and $SMASK, %eax
	addr32 mov %ebx, (%r15d,%eax,1)
	.bundle_unlock
	END
