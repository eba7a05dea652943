# expect: ok
/* S2, S3: a frame, a frame pointer, and %rsp restored from it */
	.include "sandbox.inc"
	push %rbp
	mov %rsp, %rbp
	sub $64, %rsp
	mov %eax, 8(%rsp)
	.bundle_lock
	mov %ebp, %esp
	and $SMASK, %esp
	add %r15, %rsp
	.bundle_unlock
	pop %rbp
	.bundle_lock
	lea 16(%rax), %rsp
	and $SMASK, %esp
	add %r15, %rsp
	.bundle_unlock
	END
