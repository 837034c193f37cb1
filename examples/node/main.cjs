// Node, CommonJS: require() of the ES module package (Node >= 20.19).
const api = require('@weight-decay/api')

import('./experiment.js')
  .then(({ experiment }) => experiment(api))
  .then((result) => console.log(JSON.stringify(result)))
