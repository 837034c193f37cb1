// Guided presets: each is a link (the whole state in its query) and two or three sentences on
// what to look at. "Story" data has larger true weights and 100 examples, so decay can help, and
// hurt: with the seed's tiny true weights (0.01), predicting the mean is already nearly the best.
import { h } from './dom.js'

export interface Preset {
  name: string
  title: string
  query: string
  notice: string
  /** Further links of the same lesson (e.g. 20 → 100 → 400 examples). */
  more?: [string, string][]
}

const STORY = 'trueW=0.1&nTrain=100'

export const PRESETS: Preset[] = [
  {
    name: 'overfit',
    title: 'Overfit',
    query: `?lambda=0&${STORY}`,
    notice:
      'Without decay, 100 examples in 200 dimensions are fitted exactly: the dashed training loss falls towards zero while the solid test loss stays far above the dotted predict-the-mean line. In the fit panel the training dots sit on y = x and the test rings scatter: memorized, not learned.',
  },
  {
    name: 'just-right',
    title: 'Just right',
    query: `?lambda=0,1&${STORY}&cv=1&cvBy=sgd`,
    notice:
      'λ = 1 is the value 5-fold cross-validation of SGD picks (the cross-validation chart below): its test loss ends well below the dotted predict-the-mean line, and its weights panel shows w pulled in from the random start to a small, even spread around the true 0.1. Cross-validating the exact optimum instead picks a far smaller λ, because the optimum has no random start for decay to undo.',
  },
  {
    name: 'too-much',
    title: 'Too much decay',
    query: `?lambda=1,100&${STORY}&pathMin=0.001&pathMax=100&pathCount=11&path=1`,
    notice:
      'λ = 100 presses every weight to almost zero, so every prediction is close to the mean: its test loss lies on the dotted predict-the-mean line. On the path the test loss falls from λ = 0.001 to about λ = 1 and rises again beyond it: decay trades variance for bias, and too much is all bias.',
  },
  {
    name: 'more-data',
    title: 'More data instead of decay',
    query: '?lambda=0&trueW=0.1&nTrain=400',
    notice:
      'The same 200 features with 400 training examples and no decay at all: the test loss now falls to the noise, far below the predict-the-mean line, and the weights gather around the true 0.1. More examples than features pin w down; decay is the substitute when you cannot have them.',
    more: [
      ['20 examples', '?lambda=0&trueW=0.1&nTrain=20'],
      ['100', `?lambda=0&${STORY}`],
      ['400', '?lambda=0&trueW=0.1&nTrain=400'],
    ],
  },
  {
    name: 'double-descent',
    title: 'Double descent',
    query: '?lambda=0,1&trueW=0.1&noiseStd=0.5&nTrain=200&descent=1',
    notice:
      'With noisy labels, the minimum-norm fit’s test loss (in the double-descent chart below) falls, then shoots up where the training examples equal the 200 features, and falls again beyond: the fit interpolates the noise exactly there. Decay tuned by cross-validation has no peak. The runs above sit on the peak, n = 200.',
  },
  {
    name: 'adam-vs-adamw',
    title: 'Adam + L2 against AdamW',
    query: `?lambda=1~adam~coupled,1~adam~decoupled&${STORY}`,
    notice:
      'The same λ = 1 and learning rate: Adam with the L2 term in its gradient ends with ‖w‖ near 2 and a test loss near 2.2, AdamW near 0.64 and 0.71. Adam divides every gradient, the decay term included, by its running scale, which weakens L2 decay; AdamW shrinks w directly, outside that scaling (Loshchilov and Hutter, 2019).',
  },
  {
    name: 'l1-sparse',
    title: 'L1 makes it sparse',
    query: '?lambda=0.01,0.1&penalty=l1',
    notice:
      'With the L1 penalty the exact optimum (rings in the weights panels) sets most weights exactly to zero: the summary under the panels counts them. SGD’s dots hover near zero without landing on it, because its steps overshoot. L2 shrinks every weight; L1 selects a few.',
  },
  {
    name: 'sgd-vs-exact',
    title: 'SGD against the exact optimum',
    query: '?lambda=0,0.001&path=1',
    notice:
      'On the path, the exact optimum (dashed) has a small test loss even at λ = 0.001, while SGD’s is about 80. The difference is the start: with 20 examples in 200 dimensions, gradient steps never touch the 180 directions the data cannot see, so SGD keeps its random N(0, 1) start there; the exact optimum is the smallest w that fits. Set “Initial w std” to 0 and the two agree.',
    more: [['the same from w = 0', '?lambda=0,0.001&initStd=0&path=1']],
  },
]

/** The preset list: a link and its text per preset; `open` loads a preset's query without reloading the page. */
export function renderPresets(list: HTMLElement, open: (query: string) => void): void {
  const link = (text: string, query: string, attrs: Record<string, string> = {}) => {
    const a = h('a', { href: query, ...attrs }, text)
    a.addEventListener('click', (e) => {
      if (e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return
      e.preventDefault()
      open(query)
    })
    return a
  }
  list.replaceChildren(
    ...PRESETS.map((p) =>
      h(
        'li',
        { class: 'preset', 'data-testid': 'preset', 'data-preset': p.name },
        h('h3', {}, link(p.title, p.query, { class: 'preset-link' })),
        h('p', {}, p.notice),
        p.more ? h('p', { class: 'preset-more' }, 'Also: ', ...p.more.flatMap(([t, q], i) => [i > 0 ? ' · ' : '', link(t, q)])) : null,
      ),
    ),
  )
}

/** Shows "what to notice" beside the charts while the page shows a preset's setting (hidden otherwise). */
export function showNotice(box: HTMLElement, preset: Preset | undefined): void {
  box.hidden = !preset
  if (!preset) return box.replaceChildren()
  box.replaceChildren(h('strong', {}, `What to notice — ${preset.title}: `), preset.notice)
}
