# expect: C3
	.include "sandbox.inc"
	jmp 1f
	.bundle_lock
	and $SMASK, %eax
1:	mov %ebx, (%r15,%rax,1)
	.bundle_unlock
	END
