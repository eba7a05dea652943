# expect: M2
	.include "sandbox.inc"
	lock cmpxchg %ebx, (%r15,%rax,1)
	END
