# expect: ok
/* F5: recursion is allowed: every call pays fuel, %rsp re-confines */
	.include "sandbox.inc"
fact:	cmp $1, %edi
	jbe 1f
	push %rdi
	dec %edi
	FCALL fact
	pop %rdi
	imul %rdi, %rax
	FRET
1:	mov $1, %eax
	FRET
	END
