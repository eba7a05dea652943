# expect: ok
/* I1: test with an immediate; the immediate bytes (0xc3 is ret) are not
 * instructions */
	.include "sandbox.inc"
	test $0xc3, %dl
	testl $0xc3c3c3c3, %ecx
	testw $0xc3c3, 8(%rsp)
	testq $-61, %rax
	END
