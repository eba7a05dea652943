# expect: I6
	.include "sandbox.inc"
	crc32 %al, %ebx
	END
