// The scenario bench/scenario-users.sh runs as 100, 1,000 and 2,000 virtual users: two requests with think time
// between, against the server given as the argument (a 'reply' echo mock). Users spend most of their time parked.
def c = connect(args[0], profile: 'reply', correlate: '$.id')
step('first') { c.request([id: 1, user: user]) }
pause '1s'
step('second') { c.request([id: 2, user: user]) }
pause '1s'
