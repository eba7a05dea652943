# expect: M8
	.include "sandbox.inc"
	lock bts %rax, 8(%rsp)
	END
