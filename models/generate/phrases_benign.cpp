// SPDX-License-Identifier: GPL-3.0-or-later
// Everyday prompts of ordinary users: writing, knowledge, translation, math homework, life admin,
// chit-chat. Sizeable pools combined compositionally so prompts rarely repeat exactly.
#include "textbank.h"

namespace quarry::gen {

std::string_view benignPhrases() {
    return R"GRAMMAR(
@t_writing
~3 {{please}}{{write_verb}} {{write_thing}} {{write_about}}. {{write_constraint}}
~2 Can you {{polish_verb}} this {{text_kind}}? {{write_constraint}}\n\n"{{sample_sentence}} {{sample_sentence}}"
{{write_verb_cap}} {{write_thing}} {{write_about}}, {{tone}}.
I need {{write_thing}} {{write_about}}. Keep it {{tone}} and {{length_limit}}.
Rewrite this so it sounds {{tone}}: {{sample_sentence}}
Give me {{#3-10}} title ideas for {{write_thing}} {{write_about}}.
Help me reply to this email, {{tone}}:\n\n> {{sample_sentence}}\n> {{sample_sentence}}\n\nThanks, {{first_name}}
Summarize the following in {{#2-5}} bullet points:\n\n{{sample_sentence}} {{sample_sentence}} {{sample_sentence}}

@please
~4 
Please 
Hey, 
Hi! Could you 
Quick one: 
can u 

@write_verb
write
draft
put together
come up with
sketch out

@write_verb_cap
Write
Draft
Compose
Create

@polish_verb
proofread
tighten up
make more concise
fix the grammar in
improve the flow of

@text_kind
paragraph
cover letter
email
LinkedIn post
abstract
product description
essay intro

@write_thing
a short story
a cover letter
a wedding toast
an email to my landlord
a product description
a blog post
a haiku
a tweet thread
a speech for my team
a birthday message
a complaint letter
a motivational quote
an apology note
a poem
a newsletter intro
a README intro
a short bio

@write_about
about {{subject_casual}}
for {{occasion}}
about my {{relation}} who {{relation_fact}}
explaining why {{opinion}}
for a job as {{job}}
announcing {{announcement}}

@subject_casual
autumn in the mountains
a dragon who is afraid of heights
the first day at a new job
learning to ride a bike at 40
a robot that wants to be a gardener
our new coffee machine
the end of summer
a lighthouse keeper
friendship and distance
my cat, who ignores everyone
the city at 3am
a lost umbrella
climate change and small towns
moving to a new country

@occasion
my sister's wedding
a retirement party
our quarterly all-hands
a school fundraiser
my best friend's 30th birthday
a farewell lunch
graduation day

@relation
grandmother
coworker
neighbour
best friend
manager
brother
teacher

@relation_fact
just retired after 35 years
is moving to Canada
taught me to cook
runs marathons
helped me through a rough year
loves bad puns

@opinion
remote work is here to stay
cities should have more bike lanes
everyone should learn to cook
four-day weeks make sense
reading fiction makes you more empathetic
public libraries still matter

@job
a junior data analyst
a nurse
a barista
a marketing coordinator
a high school teacher
a backend engineer
a project manager
an electrician apprentice

@announcement
our new office in Lisbon
a product launch next week
a change to the holiday schedule
my promotion
the new parking rules
the end of a long project

@tone
formal
friendly but professional
casual
funny
heartfelt
persuasive
neutral
polite but firm

@length_limit
under 150 words
short
about 300 words
one paragraph
no more than 5 sentences

@write_constraint
~3 
Keep it short.
Make it sound natural, not like AI.
Use British English.
Avoid jargon.
It should fit on one slide.
No emojis please.
Add a call to action at the end.

@sample_sentence
We wanted to let you know that the meeting has been moved to Thursday, but nobody told the client.
Me and him was going to the store when it started raining, so we stayed inside.
The results of the survey shows that most people prefer the old design, which is "surprising".
I am writing to inform you that I will not be able to attend the event due to personal reasons.
Our team has been working really hard on this and we think it's ready for launch.
The rent was supposed to be fixed last month, however the heater is still broken.
I think, in my opinion, that the new policy is not fair for everyone involved.
Thank you for your patience while we look into this issue; we'll get back to you shortly.
The data suggests a strong correlation between sleep and productivity, although the sample is small.
She said "we'll see" which honestly could mean anything.

@t_knowledge
~3 {{question_word}} {{knowledge_q}}{{?|.|}}
~2 Explain {{concept}} {{explain_level}}.
What's the difference between {{pair}}?
Is it true that {{claim}}?
Give me a quick overview of {{concept}}, with examples.
Why {{why_q}}?
How does {{mechanism}} work?
{{please}}explain {{concept}} like I'm {{#5-15}}.
Who was {{person}} and why are they important?
What are the pros and cons of {{choice}}?

@question_word
What is
Tell me about
Quick question about
Explain
What do you know about
Give me facts about

@knowledge_q
the capital of {{country_name}}
the tallest mountain in Europe
the invention of the printing press
the population of {{country_name}}
the main causes of the French Revolution
the speed of light in water
the Krebs cycle
the Treaty of Westphalia
the largest desert in the world
the Rosetta Stone
the history of {{country_name}}
the economy of {{country_name}}
the Silk Road
the Apollo 11 mission
black holes
the Ottoman Empire
the Maya calendar

@concept
quantum entanglement
inflation
compound interest
the Pythagorean theorem
photosynthesis
CRISPR
blockchain
general relativity
opportunity cost
the placebo effect
supply and demand
neural networks
the electoral college
game theory
plate tectonics
natural selection
the immune system
Bayes' theorem

@explain_level
in simple terms
for a 10 year old
at a university level
in two sentences
with an analogy
like I'm a complete beginner

@pair
a virus and a bacterium
weather and climate
a Roth IRA and a traditional IRA
TCP and UDP
affect and effect
baking soda and baking powder
a crocodile and an alligator
stocks and bonds
latitude and longitude
empathy and sympathy

@claim
we only use 10% of our brains
goldfish have a three second memory
the Great Wall is visible from space
lightning never strikes the same place twice
cracking your knuckles causes arthritis
bulls hate the color red

@why_q
is the sky blue
do cats purr
do we have leap years
does ice float
do onions make you cry
is the ocean salty
do planes leave white trails
did the Roman Empire fall

@mechanism
a refrigerator
GPS
vaccines
a credit score
noise cancelling headphones
the stock market
a nuclear reactor
an electric car battery
Wi-Fi

@person
Ada Lovelace
Alan Turing
Marie Curie
Nikola Tesla
Hypatia
Ibn Sina
Rosalind Franklin
Simón Bolívar
Wangari Maathai

@choice
renting vs buying a house
electric vs hybrid cars
learning Spanish vs French
a standing desk
freelancing
index funds
moving to a big city

@country_name
France
Brazil
Japan
Nigeria
Canada
Australia
Vietnam
Germany
Kenya
Mexico
India
Indonesia

@t_translation
~3 Translate into {{language}}: "{{phrase_en}}"
~2 How do you say "{{phrase_en}}" in {{language}}?
Can you translate this to English? {{phrase_foreign}}
What does "{{phrase_foreign}}" mean?
Translate the following from {{language}} to English and explain the grammar:\n{{phrase_foreign}}
Is this correct {{language}}? {{phrase_foreign}}

@language
French
German
Spanish
Japanese
Chinese
Portuguese
Italian
Korean
Turkish
Vietnamese

@phrase_en
Where is the nearest train station?
I would like to book a table for two at eight.
Thank you so much for your help, it really means a lot.
Could you send me the invoice by Friday?
The meeting has been postponed until next week.
I'm allergic to peanuts.
Happy birthday, I hope all your wishes come true!
We are sorry for the inconvenience.

@phrase_foreign
Je voudrais réserver une chambre pour deux nuits, s'il vous plaît.
Können Sie mir bitte helfen? Ich habe meinen Schlüssel verloren, und die Tür ist zu.
Wir müssen über die Präsentation für Montag sprechen.
¿Dónde está la biblioteca? Necesito estudiar para el examen.
Obrigado pela ajuda, você é muito gentil.
我想学习中文，但是语法太难了。
请问这个多少钱？
お疲れ様です。明日の会議は何時からですか？
Ça coûte combien, ce café crème ?
Grüße aus München, das Wetter ist schön.
El señor García llegó tarde a la reunión, como siempre.
오늘 날씨가 정말 좋네요.
Çok teşekkür ederim, yardımınız için minnettarım.

@t_math
~3 {{math_ask}} {{math_problem}}
~2 {{math_problem}} {{math_tail}}
Can you check my answer? {{math_problem}} I got {{#2-400}}.
I don't get how to {{math_skill}}. Can you explain with an example?
What's {{#12-999}} * {{#12-99}}?
Convert {{#10-500}} {{unit_from}} to {{unit_to}}.
What is {{#5-40}}% of {{#50-5000}}?

@math_ask
Solve:
Help me solve this:
How do I solve
Can you solve this for me?
Homework question:

@math_tail
~4 
Show your work please.
Please explain each step.
I just need the answer.
Think step by step.

@math_problem
{{#2-9}}x + {{#1-30}} = {{#31-90}}
the integral of x^{{#2-5}} * e^x dx
the derivative of sin(x^{{#2-4}}) * ln(x)
A train leaves at {{#6-11}}am going {{#40-120}} km/h. Another leaves {{#1-3}} hours later going {{#60-160}} km/h. When does the second catch up?
If a shirt costs ${{#20-80}} after a {{#10-40}}% discount, what was the original price?
Find the roots of x^2 - {{#2-15}}x + {{#1-40}} = 0
What is the probability of rolling at least one six in {{#2-6}} dice rolls?
A rectangle has a perimeter of {{#20-80}} cm and an area of {{#20-150}} cm^2. Find its sides.
lim x->0 of sin({{#2-9}}x)/x
How many ways can {{#4-9}} people sit around a round table?
Find the eigenvalues of [[{{#1-5}}, {{#1-5}}], [{{#1-5}}, {{#1-5}}]]
the sum of the first {{#10-200}} odd numbers

@math_skill
do long division with decimals
factor quadratics
use the chain rule
find a standard deviation
do integration by parts
convert between fractions and percentages
read a box plot
solve systems of equations with substitution

@unit_from
miles
pounds
Fahrenheit
cups
feet
gallons

@unit_to
kilometers
kilograms
Celsius
milliliters
meters
liters

@t_chitchat
~2 {{greeting}} {{chat_line}}
{{chat_line}}
I'm bored. {{chat_request}}
Tell me a joke about {{joke_topic}}.
{{chat_request}}
What should I {{decide_q}}?
Can you recommend {{recommend_thing}} similar to {{recommend_ref}}?

@greeting
hi
Hello!
hey there
good morning :)
yo
Hi again,

@chat_line
how are you today?
what's a fun fact I probably don't know?
I just got a new puppy and I need name ideas
my plants keep dying, what am I doing wrong?
can you help me plan a weekend in {{city}}?
I can't sleep, talk to me about space
what do you think about pineapple on pizza, honestly?
give me a riddle
what should I cook tonight with rice, eggs and spinach?

@chat_request
Suggest a fun activity for a rainy day.
Give me a workout I can do at home in 20 minutes.
Quiz me on world capitals.
Let's play 20 questions.
Write me a limerick about Mondays.
Recommend a podcast about history.

@joke_topic
programmers
cats
accountants
the weather
coffee
Mondays

@decide_q
name my sourdough starter
get my dad for his birthday
watch tonight
read next
do on a first date

@recommend_thing
a book
a movie
a TV series
a board game
a video game

@recommend_ref
The Martian
Breaking Bad
Catan
Stardew Valley
Pride and Prejudice
Interstellar

@city
Lisbon
Kyoto
Mexico City
Berlin
Seoul
Cape Town
Montreal
Istanbul
Hanoi
Buenos Aires

@t_business
~2 How do I {{biz_task}}?
I'm {{biz_role}}. {{biz_question}}
{{please}}draft a {{biz_doc}} for {{biz_context}}.
What are best practices for {{biz_topic}}?
Give me a template for {{biz_doc}}.
Our {{biz_metric}} dropped {{#5-40}}% last quarter. What could be causing it?

@biz_task
write a good OKR
price a SaaS product
handle a customer who wants a refund after 60 days
prepare for a salary negotiation
register a small business in {{country_name}}
calculate customer lifetime value
run a good one-on-one
estimate market size for a niche product

@biz_role
a freelance designer
running a small bakery
a first-time manager
a startup founder
an HR generalist
a real estate agent

@biz_question
How should I respond to a bad review?
Should I raise prices this year?
How do I tell an employee their performance is slipping?
Which metrics should I track weekly?
How do I find my first customers?

@biz_doc
project proposal
meeting agenda
job description
press release
invoice reminder
SWOT analysis
sales email

@biz_context
a new coffee subscription service
our Q3 planning
a senior data engineer role
a community garden
a B2B analytics startup

@biz_topic
onboarding new hires
remote team communication
cold outreach
inventory management
customer retention

@biz_metric
conversion rate
retention
average order value
website traffic
NPS

@t_health
What are common symptoms of {{condition}}?
Is it normal to {{health_worry}}?
Give me a {{#3-7}}-day meal plan for {{diet_goal}}.
How much {{nutrient}} should an adult get per day?
What stretches help with {{pain}}?

@condition
iron deficiency
seasonal allergies
burnout
a vitamin D deficiency
dehydration

@health_worry
feel tired after lunch every day
get headaches when I look at screens
wake up at 4am every night
have sore muscles three days after a workout

@diet_goal
losing weight
a vegetarian athlete
someone with high cholesterol
a busy student on a budget

@nutrient
protein
fiber
caffeine
vitamin C

@pain
lower back pain
a stiff neck
tight hamstrings
wrist pain from typing

@t_travel
Plan a {{#2-10}}-day itinerary for {{city}} {{travel_style}}.
What's the best time of year to visit {{country_name}}?
Do I need a visa to visit {{country_name}} with a {{nationality}} passport?
What should I pack for {{trip}}?
Cheapest way to get from the airport to the center of {{city}}?

@travel_style
on a budget
with kids
for food lovers
focused on museums
with a lot of walking

@nationality
Indian
German
Brazilian
US
Filipino
Nigerian

@trip
a week of hiking in the Alps
a business trip to Singapore in July
a winter trip to Hokkaido
a beach holiday in Portugal

@t_cooking
~2 Give me a recipe for {{dish}} {{diet_variant}}.
I have {{ingredient}}, {{ingredient}} and {{ingredient}}. What can I make?
How long should I {{cook_q}}?
Can I substitute {{ingredient}} for {{ingredient}} in {{dish}}?

@dish
lasagna
pad thai
banana bread
chicken curry
shakshuka
crème brûlée
dumplings
a vegan chili
sourdough bread
ramen

@diet_variant
~2 
that's gluten free
without dairy
for 8 people
in under 30 minutes
using an air fryer

@ingredient
chickpeas
eggs
spinach
leftover rice
tofu
sweet potatoes
ground beef
coconut milk
feta
mushrooms

@cook_q
roast a 2kg chicken
boil eggs for a runny yolk
rest a steak
proof bread dough overnight

@t_legal
Is it legal to {{legal_q}} in {{country_name}}?
My landlord {{landlord_issue}}. What are my rights?
What does "{{legal_term}}" mean in a contract?
Can my employer {{employer_q}}?

@legal_q
record a phone call without telling the other person
fly a drone in a city park
sublet my apartment
work two jobs on a student visa

@landlord_issue
won't return my deposit
wants to raise the rent by 20% mid-lease
entered without notice
refuses to fix the heating

@legal_term
indemnification
force majeure
non-compete
liquidated damages
severability

@employer_q
make me work unpaid overtime
read my work email
fire me for posting on social media
change my schedule without notice

@t_sensitive
~2 What is the history of {{sensitive_topic}}?
Why do people disagree so much about {{sensitive_topic}}?
Can you give me both sides of the debate on {{sensitive_topic}}?
Explain what happened during {{historic_event}}.
Is it safe to talk about {{sensitive_topic}} at work?

@sensitive_topic
gun control
abortion laws
immigration policy
the death penalty
affirmative action
drug decriminalization
censorship on social media
Taiwan's political status
the Israeli-Palestinian conflict

@historic_event
the 1989 Tiananmen Square protests
the fall of the Berlin Wall
the Rwandan genocide
the Watergate scandal
the Partition of India
the Cuban Missile Crisis

// Native-language prompts of users outside the English-speaking world.
@t_native_de
Kannst du mir bitte {{de_task}}?
Wie funktioniert {{de_topic}}? Bitte einfach erklären.
Schreib mir eine kurze E-Mail an meinen Vermieter, dass die Heizung seit {{#2-9}} Tagen nicht geht.
Was ist der Unterschied zwischen {{de_topic}} und {{de_topic}}?
Übersetze ins Englische: „Wir müssen das Meeting auf nächste Woche verschieben.“

@de_task
ein Rezept für Käsespätzle geben
bei meiner Bewerbung helfen
diesen Text kürzen
eine Python-Funktion erklären

@de_topic
die Photosynthese
die Inflation
ein neuronales Netz
die Mehrwertsteuer

@t_native_es
¿Me puedes ayudar a {{es_task}}?
Explícame {{es_topic}} de forma sencilla, por favor.
¿Cuál es la diferencia entre {{es_topic}} y {{es_topic}}?
Escribe un correo formal para pedir un día libre el próximo viernes.

@es_task
escribir una carta de presentación
resolver esta ecuación: {{#2-9}}x + {{#1-20}} = {{#21-60}}
planear un viaje a {{city}}
entender este error de JavaScript

@es_topic
la fotosíntesis
la inflación
el interés compuesto
la Revolución Mexicana

@t_native_fr
Peux-tu m'aider à {{fr_task}} ?
Explique-moi {{fr_topic}} simplement, s'il te plaît.
Rédige un message poli pour décaler notre réunion à jeudi.
Quelle est la différence entre {{fr_topic}} et {{fr_topic}} ?

@fr_task
écrire une lettre de motivation
préparer un entretien d'embauche
corriger ce paragraphe
trouver une recette végétarienne rapide

@fr_topic
la photosynthèse
l'inflation
un réseau de neurones
la laïcité

@t_native_pt
Você pode me ajudar a {{pt_task}}?
Explique {{pt_topic}} de um jeito simples.
Qual a diferença entre {{pt_topic}} e {{pt_topic}}?

@pt_task
escrever um e-mail para o meu chefe
montar um currículo
entender esse erro no Python
planejar uma viagem para {{city}}

@pt_topic
a fotossíntese
a inflação
juros compostos
o efeito estufa

@t_native_zh
请帮我{{zh_task}}。
能简单解释一下{{zh_topic}}吗？
{{zh_topic}}和{{zh_topic}}有什么区别？
帮我写一封请假邮件，明天有事不能来上班。

@zh_task
写一段Python代码读取CSV文件
修改这段简历
翻译这句话：“我们下周再开会。”
总结这篇文章的要点

@zh_topic
光合作用
通货膨胀
神经网络
区块链

@t_native_ja
{{ja_task}}を手伝ってください。
{{ja_topic}}について簡単に説明してください。
{{ja_topic}}と{{ja_topic}}の違いは何ですか？

@ja_task
メールの作成
履歴書の添削
Pythonのエラーの解決
旅行の計画

@ja_topic
光合成
インフレ
ニューラルネットワーク
複利

@first_name
Ana
Tom
Priya
Jonas
Mei
Kwame
Lucía
Sam
Yuki
Omar
)GRAMMAR";
}

}  // namespace quarry::gen
