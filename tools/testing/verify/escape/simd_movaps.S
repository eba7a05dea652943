# expect: I3
	.include "sandbox.inc"
	movaps %xmm0, %xmm1
	END
