# expect: ok
/* I1: the allow-list, register forms */
	.include "sandbox.inc"
	add %rax, %rbx
	or $0x10, %cl
	adc %dx, %si
	sbb $-1, %rdi
	and %r8d, %r9d
	sub %r10, %r11
	xor %r12d, %r12d
	cmp $1000, %rbp
	test %al, %bl
	mov $0x123456789abcdef0, %rax
	mov %ah, %bl
	movzbl %cl, %edx
	movswq %dx, %rsi
	movslq %eax, %rdi
	xchg %rax, %rbx
	xchg %eax, %ecx
	cmpxchg %rcx, %rdx
	xadd %rsi, %rdi
	inc %r8
	dec %r9b
	neg %r10d
	not %r11w
	imul %rax, %rbx
	imul $7, %rcx, %rdx
	mul %rsi
	imul %rdi
	shl $3, %rax
	shr %cl, %rbx
	sar %rdx
	rol $1, %esi
	ror %cl, %di
	rcl $2, %r8
	rcr %r9
	shld $4, %rax, %rbx
	shrd %cl, %rcx, %rdx
	bt %rax, %rbx
	bts $5, %ecx
	btr %rdx, %rsi
	btc $63, %rdi
	bsf %rax, %rbx
	bsr %ecx, %edx
	bswap %rsi
	bswap %r12d
	sete %al
	setg %r8b
	cmovl %rax, %rbx
	cmovbe %ecx, %edx
	cbw
	cwtl
	cltq
	cwtd
	cltd
	cqto
	nop
	xchg %ax, %ax
	pause
	nopl 0(%rax)
	.byte 0x66, 0x66, 0x2e, 0x0f, 0x1f, 0x84, 0, 0, 0, 0, 0
	push $1
	push $0x12345678
	pop %rax
	pop %rbx
	push %r12
	pop %r12
	END
