"""Sentence templates for the benchmark corpus, English line then Russian line, a blank line after.

Slots: {obj} an object, {verb} an action, {dept} a department, {sys} a system, {term} a rarer
domain term, {n} a number, {code} a reference, {plan} a plan, {city} a city, {segment} a
customer segment. A capital letter ({Verb}) capitalises the word. Russian slots name a case
({obj:acc}), a verb form ({verb:inf}) or the noun a number governs ({n минута}).
"""

from __future__ import annotations


def _pairs(text: str) -> tuple[tuple[str, str], ...]:
    blocks = [b.strip().splitlines() for b in text.strip().split("\n\n")]
    return tuple((en.strip(), ru.strip()) for en, ru in blocks)


# Section headings; {dept} and {sys} are filled per article.
HEADINGS = _pairs(
    """
When to use this procedure
Когда применять процедуру

Before you start
Перед началом работы

Steps
Порядок действий

Checking the customer's account
Проверка лицевого счёта клиента

Transferring the call to {dept}
Перевод звонка: {dept}

What to say to the customer
Что сказать клиенту

Escalation
Эскалация

Common mistakes
Типичные ошибки

Working in {sys}
Работа в {sys}

Deadlines
Сроки

Exceptions
Исключения

Documents the customer needs
Какие документы нужны клиенту

If the customer refuses
Если клиент отказывается

After the call
После звонка

Fees and charges
Стоимость и начисления

Identity verification
Проверка личности

Calls that should not be transferred
Звонки, которые не нужно переводить

Frequently asked questions
Частые вопросы
"""
)

SENTENCES = _pairs(
    """
{Verb} the {obj} in {sys} before you continue.
{Verb} {obj:acc} в {sys}, прежде чем продолжить.

If there is a problem with the {obj}, transfer the call to {dept}.
Если с {obj:ins} возникла проблема, переведите звонок: {dept:nom}.

Record the reason for the call in {sys} within {n} minutes.
Зафиксируйте причину звонка в {sys} в течение {n минута}.

Never {verb} the {obj} without the customer's consent.
Нельзя {verb:inf} {obj:acc} без согласия клиента.

Ask the customer to confirm the {obj}.
Попросите клиента подтвердить {obj:acc}.

{Dept} handles requests about the {obj} for {segment}.
{dept:nom} обрабатывает запросы о {obj:loc} для {segment}.

The request number has the format {code}.
Номер заявки имеет формат {code}.

Check the {term} in {sys} and note the result in the ticket.
Проверьте {term:acc} в {sys} и отметьте результат в обращении.

If the customer calls from {city}, use the regional {dept} queue.
Если клиент звонит из {city:gen}, используйте региональную очередь: {dept:nom}.

The {plan} plan includes {n} GB of mobile data.
Тариф {plan} включает {n гигабайт} мобильного интернета.

{Verb} the {term} only after {dept} approves it.
{Verb} {term:acc} только после согласования: {dept:nom}.

Explain to the customer how the {term} affects the {obj}.
Объясните клиенту, как {term:nom} влияет на {obj:acc}.

The {obj} is usually updated within {n} business days.
Обычно {obj:nom} обновляется в течение {n рабочий день}.

Tell the customer that a specialist will call back within {n} hours.
Сообщите клиенту, что специалист перезвонит в течение {n час}.

Do not promise a {term} unless {dept} confirms it.
Не обещайте {term:acc}, пока это не подтвердит {dept:nom}.

Open the {obj} card in {sys} and review the history of changes.
Откройте карточку в {sys} и просмотрите историю изменений: {obj:nom}.

If the {obj} was changed in the last {n} days, escalate the case.
Если {obj:nom} меняли за последние {n день}, эскалируйте кейс.

Use the {term} field to record the outcome of the call.
Используйте поле «{term}», чтобы зафиксировать результат звонка.

For {segment}, the {obj} is handled by {dept}.
Для {segment} {obj:acc} обрабатывает {dept:nom}.

Remind the customer about the {term} and the {obj}.
Напомните клиенту про {term:acc} и {obj:acc}.

{Verb} the {obj} and send the customer a confirmation by email.
{Verb} {obj:acc} и отправьте клиенту подтверждение по электронной почте.

The customer may ask about the {term}; answer using the knowledge base.
Клиент может спросить про {term:acc}: отвечайте по базе знаний.

Error {code} in {sys} means the {obj} is locked.
Ошибка {code} в {sys} означает, что доступ заблокирован: {obj:nom}.

Agents in {city} follow the same steps for the {obj}.
Сотрудники в {city:loc} выполняют те же действия для {obj:gen}.

A {term} is required before you {verb} the {obj}.
Прежде чем {verb:inf} {obj:acc}, проверьте {term:acc}.

Check whether the {obj} is linked to another {obj2}.
Проверьте, не привязан ли к {obj:dat} другой объект: {obj2:nom}.

If the line drops, call the customer back within {n} minutes.
Если связь прервалась, перезвоните клиенту в течение {n минута}.

Supervisors review every {term} once a week.
Руководители раз в неделю проверяют {term:acc}.

Write down the {code} reference for the {obj}.
Запишите номер {code} для объекта: {obj:nom}.

The customer must pay the {obj} before the {term} ends.
Клиент должен оплатить {obj:acc} до окончания срока: {term:nom}.
"""
)

# Said word for word.
SCRIPTS = _pairs(
    """
Thank you for calling. May I have your {obj}, please?
Спасибо за звонок. Подскажите, пожалуйста, {obj:acc}.

I will transfer you to {dept} now. Please stay on the line.
Сейчас я переведу вас: {dept:nom}. Пожалуйста, оставайтесь на линии.

This call may be recorded for quality and training purposes.
Разговор может быть записан в целях контроля качества и обучения.

I have updated your {obj}. Is there anything else I can help with?
Я обновил данные: {obj:nom}. Могу ли я ещё чем-то помочь?
"""
)
